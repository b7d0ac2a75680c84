using System.Globalization;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Leases;

namespace RpmKernel.Storage.Transfer;

/// <summary>
/// The write leases of one user's tasks for the length of an import, so no ingest, removal or
/// forget of the same user interleaves with it: one <see cref="WriteLease"/> per task, as every
/// other writer takes it, taken in ordinal task order so two importers never wait on each other crosswise.
/// </summary>
internal sealed class TransferLeases : IAsyncDisposable
{
    private readonly string _userId;
    private readonly List<WriteLease> _held = [];

    private TransferLeases(string userId)
    {
        _userId = userId;
    }

    public static async Task<TransferLeases> AcquireAsync(IUserWriteLeases leases, string userId, IEnumerable<string> tasks, TimeSpan wait, CancellationToken cancellationToken)
    {
        var taken = new TransferLeases(userId);
        try
        {
            foreach (var task in tasks.Order(StringComparer.Ordinal))
            {
                taken._held.Add(await WriteLease.AcquireAsync(
                    leases, userId, task, "import", wait, waiting: null,
                    holder => new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"Another writer of user '{userId}' for task '{task}' (held by {holder}) did not finish within {wait.TotalSeconds} s; wait for it to end, or, if it was killed, retry after {WriteLease.TimeToLive.TotalSeconds} s when its lease expires.")),
                    cancellationToken).ConfigureAwait(false));
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
        if (_held.Count > 0)
        {
            await _held[0].WaitForReindexAsync(waiting: null).ConfigureAwait(false);
        }

        foreach (var lease in _held)
        {
            if (!await lease.RenewAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException($"User '{_userId}' (task '{lease.TaskName}') was forgotten while the import ran; nothing more is written. Import the file again if the user should be kept.");
            }
        }
    }

    /// <summary>After a write: true (once the reindex has ended) when a reindex of the store started meanwhile, so the write must be repeated.</summary>
    public async Task<bool> ReindexOverlappedAsync()
    {
        if (_held.Count == 0 || !await _held[0].ReindexOverlappedAsync(waiting: null).ConfigureAwait(false))
        {
            return false;
        }

        await EnsureHeldAsync().ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lease in _held)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }

        _held.Clear();
    }
}
