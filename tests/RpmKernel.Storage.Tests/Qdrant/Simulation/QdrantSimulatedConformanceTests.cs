using Qdrant.Client;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Tests.Conformance;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>
/// The store suite through the whole production Qdrant stack — store, mapper, filter translator,
/// seam, <c>QdrantClient</c>, the gRPC channel this store builds, protobuf bytes and HTTP/2 —
/// against a <see cref="SimulatedQdrantServer"/> of one version, shared by the class (each test
/// uses its own collections). The live suite (<see cref="QdrantLiveConformanceTests"/>) is the one
/// that proves a real server agrees.
/// </summary>
public abstract class QdrantSimulatedConformanceTests(SimulatedQdrantFixture fixture) : StoreConformanceTests
{
    private readonly QdrantStoreOptions _options = new() { Endpoint = fixture.Server.Endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") };

    [Fact]
    public async Task Vectors_read_back_from_the_field_this_server_version_answers_in()
    {
        using var storage = Open(Dimensions);
        await storage.EnsureReadyAsync();
        var vector = new float[Dimensions];
        (vector[0], vector[1]) = (3, 4);
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [vector]);

        var collection = storage.VectorStore.GetCollection<Guid, ReasoningRecordEntity>(_options.Collection, ReasoningRecordEntity.CreateDefinition(Dimensions));
        var read = await collection.GetAsync(e => e.UserId == "u1", 1, new() { IncludeVectors = true }).SingleAsync();

        // Cosine collections store the vector normalised.
        Assert.Equal([0.6f, 0.8f, 0, 0, 0, 0, 0, 0], read.Embedding!.Value.ToArray());
        using var raw = new QdrantClient(fixture.Server.Endpoint);
        var point = Assert.Single((await raw.ScrollAsync(_options.Collection, limit: 1, vectorsSelector: true)).Result);
#pragma warning disable CS0612 // The deprecated field is the point of the check.
        Assert.Equal(fixture.Server.Version < new Version(1, 17), point.Vectors.Vector.Data.Count > 0);
#pragma warning restore CS0612
    }

    /// <summary>Before 1.16 the server ignores the lease's update filter, so the leases stay in one process.</summary>
    protected override bool LeasesShared => fixture.Server.Version >= new Version(1, 16);

    protected override RpmStorage Open(int dimensions) => QdrantStores.Open(_options, dimensions);

    protected override async Task CleanUpAsync()
    {
        using var store = new RpmQdrantVectorStore(_options);
        foreach (var name in new[] { _options.Collection, ReasoningCollectionAdmin.BackupName(_options.Collection), _options.UserModelCollection, _options.CacheCollection, _options.UsageCollection, _options.LeaseCollection })
        {
            await store.EnsureCollectionDeletedAsync(name);
        }
    }
}
