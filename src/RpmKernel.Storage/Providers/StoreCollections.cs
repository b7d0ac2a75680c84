using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Providers;

/// <summary>Opens the four collections of RpmKernel in one vector store and bundles their stores; the store is disposed if that fails.</summary>
internal static class StoreCollections
{
    internal static RpmStorage Open(VectorStore store, int dimensions, string reasoning, string userModels, string cache, string usage)
    {
        try
        {
            return Open(store, store, dimensions, reasoning, userModels, cache, usage, ownsStores: true);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The stores over <paramref name="store"/> (records) and <paramref name="state"/> (models, cache, usage).</summary>
    internal static RpmStorage Open(VectorStore store, VectorStore state, int dimensions, string reasoning, string userModels, string cache, string usage, bool ownsStores)
    {
        var records = store.GetCollection<Guid, ReasoningRecordEntity>(reasoning, ReasoningRecordEntity.CreateDefinition(dimensions));
        var models = state.GetCollection<Guid, UserModelEntity>(userModels);
        var cached = state.GetCollection<Guid, CachedResponseEntity>(cache);
        var rows = state.GetCollection<Guid, UsageRowEntity>(usage);
        var narrowViews = store is Sqlite.RpmSqliteVectorStore;
        var reasoningStore = new ReasoningStore(records)
        {
            ItemIdView = narrowViews ? store.GetCollection<Guid, ReasoningItemIdEntity>(reasoning) : null,
            EvidenceView = narrowViews ? store.GetCollection<Guid, ReasoningEvidenceEntity>(reasoning) : null,
            Dimensions = dimensions,
        };
        return new RpmStorage(store, reasoningStore, new UserModelStore(models), new ResponseCacheStore(cached), new UsageStore(rows))
        {
            OwnsVectorStore = ownsStores,
            Leases = state switch
            {
                Sqlite.RpmSqliteVectorStore sqlite => sqlite.CreateLeases(),
                Qdrant.RpmQdrantVectorStore qdrant => qdrant.CreateLeases(Qdrant.QdrantStoreOptions.LeaseCollectionOf(reasoning)),
                InMemory.RpmInMemoryVectorStore memory => memory.Leases,
                _ => new ProcessUserWriteLeases(TimeProvider.System),
            },
        };
    }
}
