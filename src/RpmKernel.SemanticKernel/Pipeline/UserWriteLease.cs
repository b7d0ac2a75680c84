using System.Globalization;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Leases;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The write lease of one ingest (or observe, reindex, item removal): the store's shared
/// <see cref="WriteLease"/> with what a waiting or forgotten writer of the pipeline says. A second
/// writer waits (reporting it once) until the lease is free or <see cref="WaitLimit"/> passes; a lease
/// revoked by <c>forget</c> stops the writer with <see cref="UserForgottenException"/>.
/// </summary>
internal sealed class UserWriteLease : IAsyncDisposable
{
    /// <summary>How long a lease lives without renewal; a killed holder blocks others at most this long.</summary>
    public static readonly TimeSpan TimeToLive = WriteLease.TimeToLive;

    /// <summary>How long a second writer waits for the lease before it fails naming the holder.</summary>
    public static readonly TimeSpan WaitLimit = WriteLease.WaitLimit;

    /// <summary>Progress stage reported while a reindex of the store holds writes back.</summary>
    public const string WaitingForReindexStage = "waiting for a reindex of the store";

    private readonly WriteLease _lease;
    private readonly IProgress<IngestProgress>? _progress;

    private UserWriteLease(WriteLease lease, IProgress<IngestProgress>? progress)
    {
        _lease = lease;
        _progress = progress;
    }

    /// <summary>The task whose lease this is.</summary>
    public string TaskName => _lease.TaskName;

    /// <summary>Whether a forget revoked the lease (seen at a renewal).</summary>
    public bool Revoked => _lease.Revoked;

    /// <summary>Progress stage reported while waiting for another writer.</summary>
    public static string WaitingStage(string userId) => $"waiting for another ingest of user {userId}";

    /// <summary>Takes the lease, waiting (reported once on <paramref name="progress"/>) up to <see cref="WaitLimit"/>.</summary>
    public static Task<UserWriteLease> AcquireAsync(
        IUserWriteLeases leases, string userId, string task, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
        => AcquireAsync(leases, userId, task, progress, WaitLimit, cancellationToken);

    /// <summary>Takes the lease, waiting up to <paramref name="limit"/>; then it fails naming the holder.</summary>
    public static async Task<UserWriteLease> AcquireAsync(
        IUserWriteLeases leases, string userId, string task, IProgress<IngestProgress>? progress, TimeSpan limit, CancellationToken cancellationToken)
    {
        var lease = await WriteLease.AcquireAsync(
            leases, userId, task, "write", limit,
            () => progress?.Report(new IngestProgress(WaitingStage(userId), 0, 1)),
            holder => new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Another ingest of user '{userId}' for task '{task}' (held by {holder}) did not finish within {limit.TotalMinutes} minutes; wait for it to end, or, if it was killed, retry after {TimeToLive.TotalSeconds} s when its lease expires.")),
            cancellationToken).ConfigureAwait(false);
        return new UserWriteLease(lease, progress);
    }

    /// <summary>
    /// Waits while a reindex of the store runs, then renews the lease; throws
    /// <see cref="UserForgottenException"/> when <c>forget</c> revoked it.
    /// </summary>
    public async Task EnsureHeldAsync()
    {
        await _lease.WaitForReindexAsync(ReportReindexWait).ConfigureAwait(false);
        if (!await _lease.RenewAsync().ConfigureAwait(false))
        {
            throw new UserForgottenException(_lease.UserId, _lease.TaskName);
        }
    }

    /// <summary>
    /// Called after a write: true when a reindex of the store started meanwhile, so the write may have
    /// gone to a collection that is being rebuilt. It returns once that reindex has ended; the caller
    /// then writes the same records again (upserts by key, so a write that did survive is only repeated).
    /// </summary>
    public Task<bool> ReindexOverlappedAsync() => _lease.ReindexOverlappedAsync(ReportReindexWait);

    /// <summary>
    /// Stores records under the lease; when a reindex of the store started during the write (so it may
    /// have gone to a collection being rebuilt), writes them again once that reindex has ended.
    /// </summary>
    public async Task WriteRecordsAsync(Func<Task> upsert)
    {
        await EnsureHeldAsync().ConfigureAwait(false);
        await upsert().ConfigureAwait(false);
        while (await ReindexOverlappedAsync().ConfigureAwait(false))
        {
            await upsert().ConfigureAwait(false);
        }

        await EnsureHeldAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _lease.DisposeAsync();

    private void ReportReindexWait() => _progress?.Report(new IngestProgress(WaitingForReindexStage, 0, 1));
}
