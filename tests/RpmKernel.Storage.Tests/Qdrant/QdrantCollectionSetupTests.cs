using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>Collection creation and checks, asserted on the exact requests sent to Qdrant.</summary>
public sealed class QdrantCollectionSetupTests
{
    private static readonly string[] Collections = ["rpm", "rpm_user_models", "rpm_cache", "rpm_usage"];

    [Fact]
    public async Task Ensuring_the_stores_creates_a_cosine_collection_of_the_embedding_size_and_three_payload_only_ones()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);

        Assert.Equal(Collections, seam.Created.Select(c => c.CollectionName));
        var vectors = seam.Created[0].VectorsConfig;
        Assert.Equal(VectorsConfig.ConfigOneofCase.Params, vectors.ConfigCase);
        Assert.Equal((ulong)QdrantTestStore.Dimensions, vectors.Params.Size);
        Assert.Equal(Distance.Cosine, vectors.Params.Distance);
        Assert.All(seam.Created.Skip(1), c =>
        {
            Assert.Equal(VectorsConfig.ConfigOneofCase.ParamsMap, c.VectorsConfig.ConfigCase);
            Assert.Empty(c.VectorsConfig.ParamsMap.Map);
        });
    }

    [Fact]
    public async Task Every_collection_gets_a_tenant_keyword_index_on_the_user_and_a_keyword_index_on_the_task()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);

        foreach (var collection in Collections)
        {
            var indexes = seam.Indexes.Where(i => i.CollectionName == collection).ToDictionary(i => i.FieldName);
            Assert.Equal(["Task", "UserId"], indexes.Keys.Order());
            Assert.Equal(FieldType.Keyword, indexes["UserId"].FieldType);
            Assert.True(indexes["UserId"].FieldIndexParams.KeywordIndexParams.IsTenant);
            Assert.Equal(FieldType.Keyword, indexes["Task"].FieldType);
            Assert.Null(indexes["Task"].FieldIndexParams);
            Assert.All(indexes.Values, i => Assert.True(i.Wait));
        }
    }

    [Fact]
    public async Task An_existing_collection_of_the_same_size_is_kept_and_only_its_missing_indexes_are_added()
    {
        var seam = new FakeQdrantSeam();
        seam.Collections["rpm"] = FakeQdrantSeam.Info(FakeQdrantSeam.Dense(QdrantTestStore.Dimensions), "UserId");

        using var storage = await QdrantTestStore.ReadyAsync(seam);

        Assert.DoesNotContain("rpm", seam.Created.Select(c => c.CollectionName));
        Assert.Equal(["Task"], seam.Indexes.Where(i => i.CollectionName == "rpm").Select(i => i.FieldName));
    }

    [Fact]
    public async Task An_existing_collection_of_another_size_fails_naming_both_sizes_and_the_collection()
    {
        var seam = new FakeQdrantSeam();
        seam.Collections["rpm"] = FakeQdrantSeam.Info(FakeQdrantSeam.Dense(1536));
        using var storage = QdrantTestStore.Open(seam);

        var ex = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => storage.EnsureReadyAsync());

        Assert.Contains("'rpm'", ex.Message);
        Assert.Contains("1536-dimensional", ex.Message);
        Assert.Contains($"{QdrantTestStore.Dimensions}-dimensional", ex.Message);
        Assert.Empty(seam.Created);
    }

    [Fact]
    public async Task A_collection_created_meanwhile_by_another_process_is_not_an_error()
    {
        var seam = new FakeQdrantSeam();
        seam.CreateFault = () =>
        {
            // Another process wins the race between our existence check and our creation.
            seam.Collections["rpm"] = FakeQdrantSeam.Info(FakeQdrantSeam.Dense(QdrantTestStore.Dimensions), "UserId", "Task");
            return new RpcException(new Status(StatusCode.AlreadyExists, "Collection `rpmk` already exists!"));
        };
        using var storage = QdrantTestStore.Open(seam);

        await storage.Reasoning.EnsureReadyAsync();

        Assert.Empty(seam.Created);
        Assert.Empty(seam.Indexes);
    }

    [Fact]
    public async Task Writing_to_a_collection_that_was_never_created_says_how_to_create_it()
    {
        using var storage = QdrantTestStore.Open(new FakeQdrantSeam());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[] { 1, 0, 0, 0 }]));

        Assert.Contains("'rpm' does not exist", ex.Message);
        Assert.Contains("EnsureReadyAsync", ex.Message);
    }
}
