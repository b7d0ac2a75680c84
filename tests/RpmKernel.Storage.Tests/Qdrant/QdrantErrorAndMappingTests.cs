using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>Backend failures become VectorStoreExceptions that say where and what; responses map back whatever the server's vector format.</summary>
public sealed class QdrantErrorAndMappingTests
{
    [Fact]
    public async Task A_grpc_failure_becomes_a_vector_store_exception_naming_store_collection_and_operation()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        await storage.Reasoning.SearchAsync("u1", "t", new float[] { 1, 0, 0, 0 }, 1);
        var cause = new RpcException(new Status(StatusCode.Unauthenticated, "Invalid api-key"));
        seam.Fault = cause;

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => storage.Reasoning.SearchAsync("u1", "t", new float[] { 1, 0, 0, 0 }, 1));

        Assert.Equal("qdrant", ex.VectorStoreSystemName);
        Assert.Equal("http://qdrant.test:6334", ex.VectorStoreName);
        Assert.Equal("rpm", ex.CollectionName);
        Assert.Equal("Search", ex.OperationName);
        Assert.Same(cause, ex.InnerException);
        Assert.Contains("Rpm:Store:Qdrant:ApiKey", ex.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_with_how_to_start_one()
    {
        var seam = new FakeQdrantSeam { Fault = new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.")) };
        using var storage = QdrantTestStore.Open(seam);

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => storage.EnsureReadyAsync());

        Assert.Equal("EnsureCollectionExists", ex.OperationName);
        Assert.Contains("docker run -p 6333:6333 -p 6334:6334 qdrant/qdrant", ex.Message);
    }

    [Fact]
    public void Vectors_are_read_from_the_dense_field_or_from_the_legacy_data_field_of_older_servers()
    {
        var dense = new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { 1, 2 } } } };
#pragma warning disable CS0612 // the legacy field is what this test is about
        var legacy = new VectorsOutput { Vector = new VectorOutput { Data = { 3, 4 } } };
#pragma warning restore CS0612

        Assert.Equal([1f, 2f], QdrantMapper<object>.DenseOf(dense)!);
        Assert.Equal([3f, 4f], QdrantMapper<object>.DenseOf(legacy)!);
        Assert.Null(QdrantMapper<object>.DenseOf(new VectorsOutput()));
        Assert.Null(QdrantMapper<object>.DenseOf(null));
    }

    [Fact]
    public async Task Vectors_come_back_only_when_asked_for()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[] { 0, 3, 0, 4 }]);
        var stored = seam.Upserts[0].Points[0];
        seam.Stored.Add(new RetrievedPoint
        {
            Id = stored.Id,
            Payload = { stored.Payload },
            Vectors = new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { 0, 0.6f, 0, 0.8f } } } },
        });
        var collection = storage.VectorStore.GetCollection<Guid, ReasoningRecordEntity>("rpm", ReasoningRecordEntity.CreateDefinition(QdrantTestStore.Dimensions));
        var key = Guid.Parse(stored.Id.Uuid);

        var with = await collection.GetAsync(key, new RecordRetrievalOptions { IncludeVectors = true });
        var without = await collection.GetAsync(key);

        Assert.Equal([0, 0.6f, 0, 0.8f], with?.Embedding?.ToArray()!);
        Assert.True(seam.Gets[0].WithVectors.Enable);
        Assert.Null(without?.Embedding);
        Assert.False(seam.Gets[1].WithVectors.Enable);
    }

    [Fact]
    public void A_numeric_point_id_written_by_something_else_is_refused_with_the_fix()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => QdrantPayload.FromPointId(new PointId { Num = 7 }));

        Assert.Contains("numeric id", ex.Message);
    }

    [Fact]
    public void Options_accept_absolute_http_and_https_endpoints_only_and_derive_the_collection_names()
    {
        var tls = new QdrantStoreOptions { Endpoint = new Uri("https://cluster.example:6334"), ApiKey = "secret", Collection = "prod" };
        tls.Validate();

        Assert.Equal(["prod_user_models", "prod_cache", "prod_usage"], [tls.UserModelCollection, tls.CacheCollection, tls.UsageCollection]);
        var ftp = Assert.Throws<ArgumentException>(() => new QdrantStoreOptions { Endpoint = new Uri("ftp://host:6334") }.Validate());
        Assert.Contains("http:// or https://", ftp.Message);
        Assert.Throws<ArgumentException>(() => new QdrantStoreOptions { Collection = "a b" }.Validate());
        Assert.Throws<ArgumentException>(() => new QdrantStoreOptions { Timeout = TimeSpan.Zero }.Validate());
    }

    [Fact]
    public void The_service_collection_gets_one_qdrant_storage_and_its_four_stores()
    {
        var services = new ServiceCollection().AddRpmQdrantStorage(new QdrantStoreOptions { Endpoint = new Uri("http://qdrant.invalid:6334") }, 384);
        using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredService<RpmStorage>();

        Assert.IsType<RpmQdrantVectorStore>(storage.VectorStore);
        Assert.Same(storage.Reasoning, provider.GetRequiredService<IReasoningStore>());
        Assert.Same(storage.Usage, provider.GetRequiredService<IUsageStore>());
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRpmQdrantStorage(new QdrantStoreOptions { Collection = "" }, 384));
    }
}
