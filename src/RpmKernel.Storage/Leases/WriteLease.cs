using System.Globalization;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Leases;

/// <summary>
/// One holder's lease of one user and task in <see cref="IUserWriteLeases"/>: the piece every writer
/// shares (ingest, observe, reindex, item removal, import, forget). It is taken with a bounded wait,
/// kept alive by a heartbeat between writes, checked against the store-wide <see cref="ReindexLease"/>
/// around writes, and released at the end. What a wait or a revoked lease means to a writer (its
/// progress line, its error) is the caller's to say.
/// </summary>
internal sealed class WriteLease : IAsyncDisposable
{
    /// <summary>How long a lease lives without renewal; a killed holder blocks others at most this long.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    /// <summary>How long a second writer waits for the lease by default before it fails naming the holder.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // A writer holds the reindex lease only for the instant of a check, so a killed one blocks a reindex briefly.
    private static readonly TimeSpan CheckTimeToLive = TimeSpan.FromSeconds(5);

    private readonly IUserWriteLeases _leases;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private volatile bool _revoked;
    private bool _disposed;

    private WriteLease(IUserWriteLeases leases, string userId, string task, string owner)
    {
        _leases = leases;
        UserId = userId;
        TaskName = task;
        Owner = owner;
        _heartbeat = BeatAsync();
    }

    /// <summary>The user whose lease this is (<see cref="ReindexLease.UserId"/> for the store-wide lease).</summary>
    public string UserId { get; }

    /// <summary>The task whose lease this is.</summary>
    public string TaskName { get; }

    /// <summary>This holder's owner id, as other writers see it while they wait.</summary>
    public string Owner { get; }

    /// <summary>Whether a forget revoked the lease (seen at a renewal).</summary>
    public bool Revoked => _revoked;

    /// <summary>Whether this is the store-wide <see cref="ReindexLease"/>, which does not wait for itself.</summary>
    public bool IsReindex => UserId == ReindexLease.UserId && TaskName == ReindexLease.Task;

    /// <summary>
    /// Takes the lease of (<paramref name="userId"/>, <paramref name="task"/>). While another owner holds it,
    /// calls <paramref name="waiting"/> once and polls; after <paramref name="limit"/> it throws what
    /// <paramref name="timedOut"/> makes of the holder's owner id.
    /// </summary>
    /// <param name="leases">The store's leases.</param>
    /// <param name="userId">The user.</param>
    /// <param name="task">The task.</param>
    /// <param name="kind">What the holder is (<c>write</c>, <c>import</c>, <c>forget</c>), part of its owner id.</param>
    /// <param name="limit">How long to wait for another holder.</param>
    /// <param name="waiting">Called once when the lease is held by another owner, before the wait.</param>
    /// <param name="timedOut">The error to throw when the wait passes <paramref name="limit"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<WriteLease> AcquireAsync(
        IUserWriteLeases leases, string userId, string task, string kind, TimeSpan limit, Action? waiting, Func<string, Exception> timedOut, CancellationToken cancellationToken)
    {
        var owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{kind}/{Guid.NewGuid():N}");
        var started = DateTimeOffset.UtcNow;
        var reported = false;
        while (await leases.TryAcquireAsync(userId, task, owner, TimeToLive, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            if (DateTimeOffset.UtcNow - started >= limit)
            {
                throw timedOut(holder);
            }

            if (!reported)
            {
                waiting?.Invoke();
                reported = true;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }

        return new WriteLease(leases, userId, task, owner);
    }

    /// <summary>Renews the lease, as a writer does before and after every write; false (from then on) once a forget has revoked it.</summary>
    public async Task<bool> RenewAsync()
    {
        if (!_revoked && !await _leases.RenewAsync(UserId, TaskName, Owner, TimeToLive, CancellationToken.None).ConfigureAwait(false))
        {
            _revoked = true;
        }

        return !_revoked;
    }

    /// <summary>Returns once no reindex of the store runs (at once when none does); calls <paramref name="waiting"/> once if it has to wait.</summary>
    public async Task WaitForReindexAsync(Action? waiting)
    {
        if (IsReindex)
        {
            return;
        }

        var reported = false;
        while (!await TryPassReindexAsync().ConfigureAwait(false))
        {
            if (!reported)
            {
                waiting?.Invoke();
                reported = true;
            }

            await Task.Delay(Poll, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Called after a write: true when a reindex of the store started meanwhile, so the write may have
    /// gone to a collection that is being rebuilt. It returns once that reindex has ended; the caller
    /// then writes the same records again (upserts by key, so a write that did survive is only repeated).
    /// </summary>
    public async Task<bool> ReindexOverlappedAsync(Action? waiting)
    {
        if (IsReindex || await TryPassReindexAsync().ConfigureAwait(false))
        {
            return false;
        }

        await WaitForReindexAsync(waiting).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops the heartbeat and gives the lease back (a revoked one is gone already).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        _stop.Dispose();
        if (!_revoked)
        {
            await _leases.ReleaseAsync(UserId, TaskName, Owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Free means this writer could take the reindex lease; it gives it back at once. The writers of this
    // process check in turn, so none mistakes another's check for a reindex.
    private Task<bool> TryPassReindexAsync() => ReindexCheckGate.RunAsync(_leases, TryPassReindexOnceAsync);

    private async Task<bool> TryPassReindexOnceAsync()
    {
        if (await _leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, Owner, CheckTimeToLive, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await _leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, Owner, CancellationToken.None).ConfigureAwait(false);
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
                _revoked |= !await _leases.RenewAsync(UserId, TaskName, Owner, TimeToLive, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or VectorStoreException)
        {
            // Disposed, or the store was briefly unavailable: the renewal before the next write decides.
        }
    }
}
