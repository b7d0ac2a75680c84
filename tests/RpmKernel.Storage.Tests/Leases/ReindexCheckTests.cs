using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Leases;

namespace RpmKernel.Storage.Tests.Leases;

/// <summary>
/// Writers check for a running reindex by taking the store-wide reindex lease for an instant. Writers of one
/// process checking together must not take each other's check for a reindex (each would wait a poll for
/// nothing, and the ingests of several users would end one poll after another), while a real reindex still
/// holds every writer back.
/// </summary>
public sealed class ReindexCheckTests
{
    [Fact]
    public async Task Writers_checking_at_once_do_not_wait_for_each_others_check()
    {
        var leases = new SlowReindexChecks(new ProcessUserWriteLeases(TimeProvider.System));
        var writers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AcquireAsync(leases, $"user-{i}")));
        var waits = 0;

        await Task.WhenAll(writers.Select(w => w.WaitForReindexAsync(() => Interlocked.Increment(ref waits))));

        Assert.Equal(0, waits);
        Assert.True(leases.Checks >= writers.Length, $"{leases.Checks} reindex checks");
        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_writer_still_waits_while_a_reindex_holds_the_store()
    {
        var leases = new ProcessUserWriteLeases(TimeProvider.System);
        Assert.Null(await leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, "a-reindex", TimeSpan.FromMinutes(1)));
        await using var writer = await AcquireAsync(leases, "alice");
        var waited = new TaskCompletionSource();

        var passing = writer.WaitForReindexAsync(() => waited.TrySetResult());
        await waited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(passing.IsCompleted);

        await leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, "a-reindex");
        await passing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static Task<WriteLease> AcquireAsync(IUserWriteLeases leases, string userId) =>
        WriteLease.AcquireAsync(leases, userId, "lamp2", "write", TimeSpan.FromSeconds(30), null, holder => new TimeoutException(holder), CancellationToken.None);

    /// <summary>Leases whose reindex check takes a while between taking the lease and giving it back, as a store's writes do.</summary>
    private sealed class SlowReindexChecks(IUserWriteLeases inner) : IUserWriteLeases
    {
        private int _checks;

        public int Checks => Volatile.Read(ref _checks);

        public async Task<string?> TryAcquireAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default)
        {
            var holder = await inner.TryAcquireAsync(userId, task, owner, ttl, cancellationToken);
            if (userId == ReindexLease.UserId)
            {
                Interlocked.Increment(ref _checks);
                await Task.Delay(20, cancellationToken);
            }

            return holder;
        }

        public Task<bool> RenewAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default) =>
            inner.RenewAsync(userId, task, owner, ttl, cancellationToken);

        public Task ReleaseAsync(string userId, string task, string owner, CancellationToken cancellationToken = default) =>
            inner.ReleaseAsync(userId, task, owner, cancellationToken);

        public Task RevokeAsync(string userId, string? task, CancellationToken cancellationToken = default) =>
            inner.RevokeAsync(userId, task, cancellationToken);
    }
}
