namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// The write-lease contract (<see cref="Abstractions.IUserWriteLeases"/>) between two "machines":
/// two <see cref="RpmStorage"/> instances opened on the same backend, each with its own lease object,
/// sharing nothing but the backend (the file, the server, the memory).
/// </summary>
public abstract partial class StoreConformanceTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether two opens of this backend share their leases; false where the leases fall back to one
    /// object (Qdrant before 1.16), and the contract is then checked within that object.
    /// </summary>
    protected virtual bool LeasesShared => true;

    [StoreFact]
    public async Task A_lease_held_on_one_machine_is_refused_to_another_naming_the_holder()
    {
        var (a, b) = await MachinesAsync();

        Assert.Null(await a.Leases.TryAcquireAsync("u1", "t", "machine-a", Minute));
        Assert.Equal("machine-a", await b.Leases.TryAcquireAsync("u1", "t", "machine-b", Minute));
        Assert.Null(await a.Leases.TryAcquireAsync("u1", "t", "machine-a", Minute));

        // Another task or another user is another lease.
        Assert.Null(await b.Leases.TryAcquireAsync("u1", "s", "machine-b", Minute));
        Assert.Null(await b.Leases.TryAcquireAsync("u2", "t", "machine-b", Minute));
        Assert.True(await a.Leases.RenewAsync("u1", "t", "machine-a", Minute));
        Assert.False(await b.Leases.RenewAsync("u1", "t", "machine-b", Minute));
    }

    [StoreFact]
    public async Task An_expired_lease_is_taken_over_and_its_old_holder_can_no_longer_renew_it()
    {
        var (a, b) = await MachinesAsync();
        Assert.Null(await a.Leases.TryAcquireAsync("u1", "t", "machine-a", TimeSpan.FromMilliseconds(1)));
        await Task.Delay(50);

        Assert.Null(await b.Leases.TryAcquireAsync("u1", "t", "machine-b", Minute));
        Assert.False(await a.Leases.RenewAsync("u1", "t", "machine-a", Minute));
        Assert.Equal("machine-b", await a.Leases.TryAcquireAsync("u1", "t", "machine-a", Minute));
    }

    [StoreFact]
    public async Task A_lease_is_released_only_by_its_owner()
    {
        var (a, b) = await MachinesAsync();
        Assert.Null(await a.Leases.TryAcquireAsync("u1", "t", "machine-a", Minute));

        await b.Leases.ReleaseAsync("u1", "t", "machine-b");
        Assert.Equal("machine-a", await b.Leases.TryAcquireAsync("u1", "t", "machine-b", Minute));
        await a.Leases.ReleaseAsync("u1", "t", "machine-a");
        Assert.Null(await b.Leases.TryAcquireAsync("u1", "t", "machine-b", Minute));
    }

    [StoreFact]
    public async Task Forget_on_one_machine_revokes_the_lease_held_on_another_and_renewal_does_not_bring_it_back()
    {
        var (a, b) = await MachinesAsync();
        Assert.Null(await a.Leases.TryAcquireAsync("u1", "t", "machine-a", Minute));
        Assert.Null(await a.Leases.TryAcquireAsync("u1", "s", "machine-a", Minute));
        Assert.Null(await a.Leases.TryAcquireAsync("u2", "t", "machine-a", Minute));

        await b.ForgetAsync("u1", "t");

        Assert.False(await a.Leases.RenewAsync("u1", "t", "machine-a", Minute));
        Assert.False(await a.Leases.RenewAsync("u1", "t", "machine-a", Minute));
        Assert.Null(await b.Leases.TryAcquireAsync("u1", "t", "machine-b", Minute));

        // The user's other task and the other user keep their leases.
        Assert.True(await a.Leases.RenewAsync("u1", "s", "machine-a", Minute));
        Assert.True(await a.Leases.RenewAsync("u2", "t", "machine-a", Minute));
        await b.ForgetAsync("u1");
        Assert.False(await a.Leases.RenewAsync("u1", "s", "machine-a", Minute));
        Assert.True(await a.Leases.RenewAsync("u2", "t", "machine-a", Minute));
    }

    [StoreFact]
    public async Task Many_machines_racing_for_one_free_lease_leave_exactly_one_holder()
    {
        var first = await ReadyAsync();
        var machines = new List<RpmStorage> { first };
        for (var i = 1; i < 4; i++)
        {
            machines.Add(LeasesShared ? await ReadyAsync() : first);
        }

        var holders = await Task.WhenAll(machines.SelectMany((m, i) => Enumerable.Range(0, 3).Select(j =>
            m.Leases.TryAcquireAsync("u1", "t", $"machine-{i}-{j}", Minute))));

        var winners = Enumerable.Range(0, holders.Length).Where(i => holders[i] is null).ToList();
        var winner = Assert.Single(winners);
        Assert.All(holders.Where(h => h is not null), h => Assert.Equal($"machine-{winner / 3}-{winner % 3}", h));
    }

    private async Task<(RpmStorage A, RpmStorage B)> MachinesAsync()
    {
        var a = await ReadyAsync();
        return (a, LeasesShared ? await ReadyAsync() : a);
    }
}
