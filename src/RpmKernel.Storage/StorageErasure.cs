using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage;

/// <summary>Forgets a user across the four stores and the reindex backup: one transaction where the backend allows it.</summary>
internal static class StorageErasure
{
    public static async Task<UserErasure> RunAsync(RpmStorage storage, string userId, string? task, CancellationToken cancellationToken)
    {
        if (storage.VectorStore is RpmSqliteVectorStore sqlite
            && storage.Reasoning is ReasoningStore records
            && storage.UserModels is UserModelStore models
            && storage.Cache is ResponseCacheStore cache
            && storage.Usage is UsageStore usage)
        {
            // The leases go in the same transaction: an ingest of the user finds its lease gone at its next renewal.
            string[] tables = [records.CollectionName, ReasoningCollectionAdmin.BackupName(records.CollectionName), models.CollectionName, cache.CollectionName, usage.CollectionName, SqliteUserWriteLeases.Table];
            var counts = await sqlite.EraseUserAsync(tables, userId, task, cancellationToken).ConfigureAwait(false);
            return new UserErasure(counts[0], counts[2], counts[3], counts[4]);
        }

        // No transaction spans collections here: each is deleted in turn, the records last, so a
        // failure part-way leaves the user still known (and a rerun of forget finishes the job).
        await storage.Leases.RevokeAsync(userId, task, cancellationToken).ConfigureAwait(false);
        var modelCount = await storage.UserModels.DeleteAsync(userId, task, cancellationToken).ConfigureAwait(false);
        var cacheCount = await storage.Cache.DeleteAsync(userId, task, cancellationToken).ConfigureAwait(false);
        var usageCount = await storage.Usage.DeleteAsync(userId, task, cancellationToken).ConfigureAwait(false);
        await DeleteBackupAsync(storage, userId, task, cancellationToken).ConfigureAwait(false);
        var recordCount = await storage.Reasoning.DeleteAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return new UserErasure(recordCount, modelCount, cacheCount, usageCount);
    }

    private static async Task<int> DeleteBackupAsync(RpmStorage storage, string userId, string? task, CancellationToken cancellationToken)
    {
        var name = ReasoningCollectionAdmin.BackupName((storage.Reasoning as ReasoningStore)?.CollectionName ?? ReasoningRecordEntity.DefaultCollectionName);
        var backup = storage.VectorStore.GetCollection<Guid, ReasoningRecordData>(name);
        return await backup.CollectionExistsAsync(cancellationToken).ConfigureAwait(false)
            ? await UserScope.DeleteAsync(backup, userId, task, cancellationToken).ConfigureAwait(false)
            : 0;
    }
}
