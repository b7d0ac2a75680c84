using System.Globalization;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Leases;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage;

/// <summary>Forgets a user across the four stores and the reindex backup: one transaction where the backend allows it.</summary>
internal static class StorageErasure
{
    /// <summary>How long a forget waits for a running reindex of the store before it fails naming it.</summary>
    internal static readonly TimeSpan ReindexWait = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Forgets the user while holding the store-wide <see cref="ReindexLease"/>: a reindex that read the
    /// user's records before the forget would write them back when it rebuilds, so the forget waits for
    /// it to end (calling <paramref name="waitingForReindex"/> once), and no reindex starts while the forget deletes.
    /// </summary>
    public static Task<UserErasure> RunAsync(RpmStorage storage, string userId, string? task, Action? waitingForReindex, CancellationToken cancellationToken)
        => RunAsync(storage, userId, task, ReindexWait, waitingForReindex, cancellationToken);

    /// <summary>As <see cref="RunAsync(RpmStorage, string, string?, Action?, CancellationToken)"/>, waiting at most <paramref name="reindexWait"/> for a reindex.</summary>
    public static Task<UserErasure> RunAsync(RpmStorage storage, string userId, string? task, TimeSpan reindexWait, CancellationToken cancellationToken)
        => RunAsync(storage, userId, task, reindexWait, waitingForReindex: null, cancellationToken);

    private static async Task<UserErasure> RunAsync(
        RpmStorage storage, string userId, string? task, TimeSpan reindexWait, Action? waitingForReindex, CancellationToken cancellationToken)
    {
        // The lease piece every writer takes; the forget holds the store-wide lease for the length of the delete.
        var lease = await WriteLease.AcquireAsync(
            storage.Leases, ReindexLease.UserId, ReindexLease.Task, "forget", reindexWait, waitingForReindex,
            holder => new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"A reindex of the store (held by {holder}) did not finish within {reindexWait.TotalMinutes} minutes, so nothing was forgotten: a rebuild that already read the user would write them back. Run forget again when the reindex has ended, or, if it was killed, after {WriteLease.TimeToLive.TotalSeconds} s when its lease expires.")),
            cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            return await EraseAsync(storage, userId, task, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<UserErasure> EraseAsync(RpmStorage storage, string userId, string? task, CancellationToken cancellationToken)
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
