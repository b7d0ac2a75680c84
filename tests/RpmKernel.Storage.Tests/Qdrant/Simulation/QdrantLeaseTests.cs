using Qdrant.Client;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Fakes;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>
/// The lease in Qdrant itself, over the wire: what it sends (a conditional upsert with strong
/// ordering; a renewal that cannot insert), and the fallback on a server without conditional updates.
/// </summary>
public sealed class QdrantLeaseTests(SimulatedQdrant117 current, SimulatedQdrant113 old) : IClassFixture<SimulatedQdrant117>, IClassFixture<SimulatedQdrant113>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Taking_a_lease_is_a_conditional_upsert_and_a_revoked_lease_is_not_recreated_by_its_renewal()
    {
        var options = new QdrantStoreOptions { Endpoint = current.Server.Endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") };
        using var a = QdrantStores.Open(options, dimensions: 8);
        using var b = QdrantStores.Open(options, dimensions: 8);
        await a.EnsureReadyAsync();

        Assert.Null(await a.Leases.TryAcquireAsync("alice", "lamp2", "machine-a", Minute));
        var upsert = Assert.Single(current.Server.RequestsOf<UpsertPoints>(), u => u.CollectionName == options.LeaseCollection);
        Assert.Equal(WriteOrderingType.Strong, upsert.Ordering.Type);
        Assert.Equal(2, upsert.UpdateFilter.Should.Count);
        Assert.Equal(["Owner", "Expires"], upsert.UpdateFilter.Should.Select(c => c.Field.Key));

        await b.ForgetAsync("alice");
        Assert.False(await a.Leases.RenewAsync("alice", "lamp2", "machine-a", Minute));

        using var raw = new QdrantClient(current.Server.Endpoint);
        Assert.Empty((await raw.ScrollAsync(options.LeaseCollection)).Result);
        Assert.Equal(PayloadSchemaType.Keyword, current.Server.Info(options.LeaseCollection)!.PayloadSchema["UserId"].DataType);
    }

    [Fact]
    public async Task On_a_server_before_1_16_the_leases_stay_in_the_process_with_one_warning_naming_the_version()
    {
        using var logs = new ListLoggerFactory();
        var options = new QdrantStoreOptions { Endpoint = old.Server.Endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") };
        using var a = QdrantStores.Open(options, dimensions: 8, logs);
        using var b = QdrantStores.Open(options, dimensions: 8);

        Assert.Null(await a.Leases.TryAcquireAsync("alice", "lamp2", "machine-a", Minute));
        Assert.Equal("machine-a", await a.Leases.TryAcquireAsync("alice", "lamp2", "machine-a2", Minute));

        // A server that ignores update_filter cannot arbitrate, so nothing is written to it for leases.
        Assert.Null(await b.Leases.TryAcquireAsync("alice", "lamp2", "machine-b", Minute));
        Assert.DoesNotContain(old.Server.RequestsOf<UpsertPoints>(), u => u.CollectionName == options.LeaseCollection);
        var warning = Assert.Single(logs.Warnings, w => w.Contains("conditional updates", StringComparison.Ordinal));
        Assert.Contains("version 1.13", warning);
        Assert.Contains("1.16 or newer", warning);
    }
}
