using Qdrant.Client;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Conformance;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>
/// The store suite through the whole Qdrant stack — store, mapper, filter translator, production
/// seam, the real <see cref="QdrantClient"/> and protobuf — against <see cref="SimulatedQdrantServer"/>.
/// It always runs; the live suite (<see cref="QdrantLiveConformanceTests"/>) is the one that proves
/// a real server agrees.
/// </summary>
public sealed class QdrantSimulatedConformanceTests : StoreConformanceTests
{
    private readonly SimulatedQdrantServer _server = new();

    protected override RpmStorage Open(int dimensions)
        => StoreCollections.Open(
            new RpmQdrantVectorStore(new QdrantClientSeam(new QdrantClient(new QdrantGrpcClient(_server))), QdrantTestStore.Endpoint),
            dimensions,
            QdrantTestStore.Options.Collection,
            QdrantTestStore.Options.UserModelCollection,
            QdrantTestStore.Options.CacheCollection,
            QdrantTestStore.Options.UsageCollection);
}
