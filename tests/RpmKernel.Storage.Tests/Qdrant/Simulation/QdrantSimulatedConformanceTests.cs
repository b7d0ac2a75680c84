using RpmKernel.Storage.Qdrant;
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

    protected override RpmStorage Open(int dimensions) => QdrantStores.Open(_options, dimensions);

    protected override async Task CleanUpAsync()
    {
        using var store = new RpmQdrantVectorStore(_options);
        foreach (var name in new[] { _options.Collection, ReasoningCollectionAdmin.BackupName(_options.Collection), _options.UserModelCollection, _options.CacheCollection, _options.UsageCollection })
        {
            await store.EnsureCollectionDeletedAsync(name);
        }
    }
}
