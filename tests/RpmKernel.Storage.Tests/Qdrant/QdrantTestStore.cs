using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Qdrant;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>RpmKernel's four stores on a <see cref="FakeQdrantSeam"/>, as <see cref="QdrantStores.Open"/> would open them on a server.</summary>
internal static class QdrantTestStore
{
    public const int Dimensions = 4;

    public static readonly Uri Endpoint = new("http://qdrant.test:6334");

    public static readonly QdrantStoreOptions Options = new() { Endpoint = Endpoint, Collection = "rpm" };

    public static RpmStorage Open(FakeQdrantSeam seam, int dimensions = Dimensions)
        => StoreCollections.Open(
            new RpmQdrantVectorStore(seam, Endpoint),
            dimensions,
            Options.Collection,
            Options.UserModelCollection,
            Options.CacheCollection,
            Options.UsageCollection);

    public static async Task<RpmStorage> ReadyAsync(FakeQdrantSeam seam)
    {
        var storage = Open(seam);
        await storage.EnsureReadyAsync();
        return storage;
    }
}
