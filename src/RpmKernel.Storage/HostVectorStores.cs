using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary>
/// Opens RpmKernel's stores in vector stores the host owns (any Microsoft.Extensions.VectorData
/// provider). The host disposes them; disposing the returned <see cref="RpmStorage"/> does not.
/// </summary>
public static class HostVectorStores
{
    /// <summary>Opens the four stores: reasoning records in <paramref name="reasoningStore"/>, the rest in <paramref name="stateStore"/>.</summary>
    /// <param name="reasoningStore">The store of the reasoning records and their feature embeddings.</param>
    /// <param name="stateStore">
    /// The store of user models, the response cache and the usage ledger (collections without a
    /// vector property), or null to use <paramref name="reasoningStore"/> for them too.
    /// </param>
    /// <param name="dimensions">The embedding dimension.</param>
    public static RpmStorage Open(VectorStore reasoningStore, VectorStore? stateStore, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(reasoningStore);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return StoreCollections.Open(
            reasoningStore,
            stateStore ?? reasoningStore,
            dimensions,
            ReasoningRecordEntity.DefaultCollectionName,
            UserModelEntity.DefaultCollectionName,
            CachedResponseEntity.DefaultCollectionName,
            UsageRowEntity.DefaultCollectionName,
            ownsStores: false);
    }
}
