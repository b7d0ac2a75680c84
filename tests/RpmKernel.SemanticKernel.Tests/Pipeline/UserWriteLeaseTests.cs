using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Two runtimes on one SQLite file share nothing but the file, as two processes do: the write lease
/// in the file serialises their ingests of a user and lets a forget stop an ingest (issue 12, findings 1a and 3).
/// </summary>
public sealed class UserWriteLeaseTests
{
    private static IReadOnlyList<HistoryItem> Half(int first) =>
        [.. SampleHistories.MovieTags(40).Skip(first).Take(20)];

    [Fact]
    public async Task A_forget_during_an_ingest_stops_it_and_the_user_does_not_come_back()
    {
        await using var host = await RpmTestHost.StartAsync();
        await LeaseScenarios.A_forget_during_an_ingest_stops_it_and_the_user_does_not_come_back(host, host.Runtime);
    }

    [Fact]
    public async Task Two_ingests_of_one_user_at_once_take_turns_and_the_model_counts_every_record()
    {
        await using var host = await RpmTestHost.StartAsync();
        host.Server.Latency = TimeSpan.FromMilliseconds(100);
        using var first = host.Runtime();
        using var second = host.Runtime();
        var waited = new List<IngestProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (waited)
            {
                waited.Add(p);
            }
        });

        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = first.Pipeline.IngestAsync("alice", "lamp2", Half(0), progress: new SynchronousProgress(_ => holding.TrySetResult()));
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the first stage is reported only once the lease is held
        var b = second.Pipeline.IngestAsync("alice", "lamp2", Half(20), progress: progress);
        await Task.WhenAll(a, b);

        var records = await first.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        var model = await first.Storage.UserModels.GetAsync("alice", "lamp2");
        Assert.Equal(40, records.Count);
        Assert.Equal(40, model!.ItemCount);
        Assert.Contains(waited, p => p.Stage == "waiting for another ingest of user alice");
    }
}
