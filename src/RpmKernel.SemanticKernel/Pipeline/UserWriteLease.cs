using System.Globalization;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The write lease of one ingest: taken before anything is read, renewed by a heartbeat and before
/// every write, released at the end. A second writer waits (reporting it once) until the lease is
/// free or <see cref="WaitLimit"/> passes; a lease revoked by <c>forget</c> stops the writer.
/// </summary>
internal sealed class UserWriteLease : IAsyncDisposable
{
    /// <summary>How long a lease lives without renewal; a killed holder blocks others at most this long.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    /// <summary>How long a second writer waits for the lease before it fails naming the holder.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // A writer holds the reindex lease only for the instant of a check, so a killed one blocks a reindex briefly.
    private static readonly TimeSpan CheckTimeToLive = TimeSpan.FromSeconds(5);

    private readonly IUserWriteLeases _leases;
    private readonly string _userId;
    private readonly string _task;
    private readonly string _owner;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private readonly IProgress<IngestProgress>? _progress;
    private volatile bool _revoked;

    private UserWriteLease(IUserWriteLeases leases, string userId, string task, string owner, IProgress<IngestProgress>? progress)
    {
        _leases = leases;
        _userId = userId;
        _task = task;
        _owner = owner;
        _progress = progress;
        _heartbeat = BeatAsync();
    }

    /// <summary>The task whose lease this is.</summary>
    public string TaskName => _task;

    /// <summary>Whether a forget revoked the lease (seen at a renewal).</summary>
    public bool Revoked => _revoked;

    /// <summary>Progress stage reported while a reindex of the store holds writes back.</summary>
    public const string WaitingForReindexStage = "waiting for a reindex of the store";

    /// <summary>Whether this is the store-wide <see cref="ReindexLease"/>, which does not wait for itself.</summary>
    private bool IsReindex => _userId == ReindexLease.UserId && _task == ReindexLease.Task;

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
        var owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
        var started = DateTimeOffset.UtcNow;
        var reported = false;
        while (true)
        {
            var holder = await leases.TryAcquireAsync(userId, task, owner, TimeToLive, cancellationToken).ConfigureAwait(false);
            if (holder is null)
            {
                return new UserWriteLease(leases, userId, task, owner, progress);
            }

            if (DateTimeOffset.UtcNow - started >= limit)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Another ingest of user '{userId}' for task '{task}' (held by {holder}) did not finish within {limit.TotalMinutes} minutes; wait for it to end, or, if it was killed, retry after {TimeToLive.TotalSeconds} s when its lease expires."));
            }

            if (!reported)
            {
                progress?.Report(new IngestProgress(WaitingStage(userId), 0, 1));
                reported = true;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits while a reindex of the store runs, then renews the lease; throws
    /// <see cref="UserForgottenException"/> when <c>forget</c> revoked it.
    /// </summary>
    public async Task EnsureHeldAsync()
    {
        if (!IsReindex)
        {
            await WaitForReindexAsync().ConfigureAwait(false);
        }

        if (_revoked || !await _leases.RenewAsync(_userId, _task, _owner, TimeToLive, CancellationToken.None).ConfigureAwait(false))
        {
            _revoked = true;
            throw new UserForgottenException(_userId, _task);
        }
    }

    /// <summary>
    /// Called after a write: true when a reindex of the store started meanwhile, so the write may have
    /// gone to a collection that is being rebuilt. It returns once that reindex has ended; the caller
    /// then writes the same records again (upserts by key, so a write that did survive is only repeated).
    /// </summary>
    public async Task<bool> ReindexOverlappedAsync()
    {
        if (IsReindex || await TryPassReindexAsync().ConfigureAwait(false))
        {
            return false;
        }

        await WaitForReindexAsync().ConfigureAwait(false);
        return true;
    }

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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        _stop.Dispose();
        if (!_revoked)
        {
            await _leases.ReleaseAsync(_userId, _task, _owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WaitForReindexAsync()
    {
        var reported = false;
        while (!await TryPassReindexAsync().ConfigureAwait(false))
        {
            if (!reported)
            {
                _progress?.Report(new IngestProgress(WaitingForReindexStage, 0, 1));
                reported = true;
            }

            await Task.Delay(Poll, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Free means this writer could take the reindex lease; it gives it back at once.
    private async Task<bool> TryPassReindexAsync()
    {
        if (await _leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, _owner, CheckTimeToLive, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await _leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, _owner, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    // Long model calls between writes must not let the lease expire under a live holder.
    private async Task BeatAsync()
    {
        try
        {
            while (!_revoked)
            {
                await Task.Delay(TimeToLive / 3, _stop.Token).ConfigureAwait(false);
                _revoked |= !await _leases.RenewAsync(_userId, _task, _owner, TimeToLive, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or Microsoft.Extensions.VectorData.VectorStoreException)
        {
            // Disposed, or the store was briefly unavailable: the renewal before the next write decides.
        }
    }
}
