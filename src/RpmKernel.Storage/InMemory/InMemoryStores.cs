using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.InMemory;

/// <summary>
/// Opens RpmKernel's stores in process memory (<c>Store:Provider = InMemory</c>): nothing is kept
/// after the process ends. Call <see cref="RpmStorage.EnsureReadyAsync"/> once before use.
/// </summary>
public static class InMemoryStores
{
    /// <summary>Opens the four stores in a new, empty in-memory vector store.</summary>
    /// <param name="dimensions">The embedding dimension.</param>
    public static RpmStorage Open(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return StoreCollections.Open(
            new RpmInMemoryVectorStore(),
            dimensions,
            ReasoningRecordEntity.DefaultCollectionName,
            UserModelEntity.DefaultCollectionName,
            CachedResponseEntity.DefaultCollectionName,
            UsageRowEntity.DefaultCollectionName);
    }
}
