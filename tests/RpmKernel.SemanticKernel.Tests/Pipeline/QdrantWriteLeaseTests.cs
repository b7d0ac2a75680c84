using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage.Tests.Qdrant.Simulation;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Two runtimes on one (simulated) Qdrant server share nothing but the server, as two machines do:
/// the lease kept in Qdrant serialises their ingests of a user, a forget on one machine stops an
/// ingest on the other, and a writer that waits too long fails naming the holder.
/// </summary>
public sealed class QdrantWriteLeaseTests : IAsyncLifetime
{
    private SimulatedQdrantServer _qdrant = null!;
    private readonly string _collection = "rpm_" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync() => _qdrant = await SimulatedQdrantServer.StartAsync("1.17.0");

    public async Task DisposeAsync() => await _qdrant.DisposeAsync();

    [Fact]
    public async Task A_forget_on_one_machine_stops_an_ingest_on_another_and_the_user_does_not_come_back()
    {
        await using var host = await RpmTestHost.StartAsync();
        await LeaseScenarios.A_forget_during_an_ingest_stops_it_and_the_user_does_not_come_back(host, configure => Machine(host, configure));
    }

    [Fact]
    public async Task Two_machines_ingesting_one_user_take_turns_and_the_model_counts_every_record()
    {
        await using var host = await RpmTestHost.StartAsync();
        host.Server.Latency = TimeSpan.FromMilliseconds(100);
        using var first = Machine(host);
        using var second = Machine(host);
        var reported = new List<string>();
        var progress = new SynchronousProgress(p =>
        {
            lock (reported)
            {
                reported.Add(p.Stage);
            }
        });

        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = first.Pipeline.IngestAsync("alice", "lamp2", [.. SampleHistories.MovieTags(40).Take(20)], progress: new SynchronousProgress(_ => holding.TrySetResult()));
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the first stage is reported only once the lease is held
        var b = second.Pipeline.IngestAsync("alice", "lamp2", [.. SampleHistories.MovieTags(40).Skip(20)], progress: progress);
        await Task.WhenAll(a, b);

        Assert.Equal(40, (await first.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Count);
        Assert.Equal(40, (await second.Storage.UserModels.GetAsync("alice", "lamp2"))!.ItemCount);
        Assert.Contains("waiting for another ingest of user alice", reported);
    }

    [Fact]
    public async Task A_writer_that_waits_too_long_fails_naming_the_holder_on_the_other_machine()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var holding = Machine(host);
        using var waiting = Machine(host);
        Assert.Null(await holding.Storage.Leases.TryAcquireAsync("alice", "lamp2", "machine-a/4242", TimeSpan.FromMinutes(1)));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() =>
            UserWriteLease.AcquireAsync(waiting.Storage.Leases, "alice", "lamp2", progress: null, TimeSpan.Zero, CancellationToken.None));

        Assert.Contains("held by machine-a/4242", ex.Message);
        Assert.Contains("user 'alice'", ex.Message);
    }

    private RpmRuntime Machine(RpmTestHost host, Action<RpmOptions>? configure = null) => host.Runtime(o =>
    {
        o.Store.Provider = StoreProvider.Qdrant;
        o.Store.Qdrant.Endpoint = _qdrant.Endpoint.ToString();
        o.Store.Qdrant.Collection = _collection;
        configure?.Invoke(o);
    });
}
