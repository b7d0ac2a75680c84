using System.Globalization;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Transfer;

/// <summary>
/// The write leases of one user's tasks for the length of an import, so no ingest, removal or
/// forget of the same user interleaves with it. Taken in ordinal task order, so two importers
/// never wait on each other crosswise.
/// </summary>
internal sealed class TransferLeases : IAsyncDisposable
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CheckTimeToLive = TimeSpan.FromSeconds(5);

    private readonly IUserWriteLeases _leases;
    private readonly string _userId;
    private readonly string _owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/import/{Guid.NewGuid():N}");
    private readonly List<string> _held = [];

    private TransferLeases(IUserWriteLeases leases, string userId)
    {
        _leases = leases;
        _userId = userId;
    }

    public static async Task<TransferLeases> AcquireAsync(IUserWriteLeases leases, string userId, IEnumerable<string> tasks, TimeSpan wait, CancellationToken cancellationToken)
    {
        var taken = new TransferLeases(leases, userId);
        try
        {
            foreach (var task in tasks.Order(StringComparer.Ordinal))
            {
                await taken.AcquireOneAsync(task, wait, cancellationToken).ConfigureAwait(false);
            }

            return taken;
        }
        catch
        {
            await taken.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits while a reindex of the store runs, then renews every lease; throws when one was revoked (the user was forgotten meanwhile).</summary>
    public async Task EnsureHeldAsync()
    {
        while (!await TryPassReindexAsync().ConfigureAwait(false))
        {
            await Task.Delay(Poll, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var task in _held)
        {
            if (!await _leases.RenewAsync(_userId, task, _owner, TimeToLive, CancellationToken.None).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"User '{_userId}' (task '{task}') was forgotten while the import ran; nothing more is written. Import the file again if the user should be kept.");
            }
        }
    }

    /// <summary>After a write: true (once the reindex has ended) when a reindex of the store started meanwhile, so the write must be repeated.</summary>
    public async Task<bool> ReindexOverlappedAsync()
    {
        if (await TryPassReindexAsync().ConfigureAwait(false))
        {
            return false;
        }

        await EnsureHeldAsync().ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var task in _held)
        {
            await _leases.ReleaseAsync(_userId, task, _owner, CancellationToken.None).ConfigureAwait(false);
        }

        _held.Clear();
    }

    private async Task<bool> TryPassReindexAsync()
    {
        if (await _leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, _owner, CheckTimeToLive, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await _leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, _owner, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    private async Task AcquireOneAsync(string task, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var holder = await _leases.TryAcquireAsync(_userId, task, _owner, TimeToLive, cancellationToken).ConfigureAwait(false);
            if (holder is null)
            {
                _held.Add(task);
                return;
            }

            if (DateTimeOffset.UtcNow - started > wait)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Another writer of user '{_userId}' for task '{task}' (held by {holder}) did not finish within {wait.TotalSeconds} s; wait for it to end, or, if it was killed, retry after {TimeToLive.TotalSeconds} s when its lease expires."));
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
