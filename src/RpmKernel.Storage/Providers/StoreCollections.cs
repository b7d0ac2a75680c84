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
            var records = store.GetCollection<Guid, ReasoningRecordEntity>(reasoning, ReasoningRecordEntity.CreateDefinition(dimensions));
            var models = store.GetCollection<Guid, UserModelEntity>(userModels);
            var cached = store.GetCollection<Guid, CachedResponseEntity>(cache);
            var rows = store.GetCollection<Guid, UsageRowEntity>(usage);
            return new RpmStorage(store, new ReasoningStore(records), new UserModelStore(models), new ResponseCacheStore(cached), new UsageStore(rows))
            {
                Leases = store is Sqlite.RpmSqliteVectorStore sqlite ? sqlite.CreateLeases() : new ProcessUserWriteLeases(TimeProvider.System),
            };
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
