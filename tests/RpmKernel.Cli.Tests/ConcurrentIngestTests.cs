using System.Runtime.CompilerServices;
using RpmKernel.Cli.Tests.Support;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// Ingests of one user in separate <c>rpmk</c> processes at once (issue 12, finding 3), with real
/// processes: the write lease in the database file makes them take turns. The first ingest's first
/// model call is held at the server until every other ingest reports that it waits, so the ingests
/// overlap on every run, however the machine schedules them.
/// </summary>
public sealed class ConcurrentIngestTests
{
    private const string Waiting = "waiting for another ingest of user alice";

    [Fact]
    public async Task Two_processes_ingesting_two_halves_of_one_history_at_once_keep_all_40_items_and_the_model_counts_them()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "2";
        var firstHalf = cli.WriteFile("first.jsonl", Histories.Movies(1, 20));
        var secondHalf = cli.WriteFile("second.jsonl", Histories.Movies(21, 20));
        using var stall = new ManualResetEventSlim();
        var chatCalls = HoldFirstChatCall(cli, stall);

        await using var first = cli.StartProcess("ingest", "--user", "alice", "--task", "lamp2", "--history", firstHalf);
        await UntilAsync(() => Volatile.Read(ref chatCalls.Value) >= 1, first);
        await using var second = cli.StartProcess("ingest", "--user", "alice", "--task", "lamp2", "--history", secondHalf);
        await second.WaitForStderrAsync(Waiting);
        stall.Set();
        var results = new[] { await first.ExitAsync(), await second.ExitAsync() };

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64);
        var records = await storage.Reasoning.GetItemIdsAsync("alice", "lamp2");
        Assert.Equal(40, records.Count);
        Assert.Equal(40, (await storage.UserModels.GetAsync("alice", "lamp2"))!.ItemCount);
    }

    [Fact]
    public async Task Three_identical_ingest_processes_at_once_make_the_model_calls_of_one()
    {
        int single;
        await using (var alone = await CliHarness.StartAsync())
        {
            alone.Environment["Rpm__Ingest__BatchSize"] = "2";
            var once = await alone.RunAsync("ingest", "--user", "alice", "--task", "lamp2", "--history", alone.WriteFile("history.jsonl", Histories.SixMovies));
            Assert.True(once.ExitCode == 0, once.ToString());
            single = alone.Server.ChatRequests.Count;
        }

        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "2";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        using var stall = new ManualResetEventSlim();
        var chatCalls = HoldFirstChatCall(cli, stall);
        string[] ingest = ["ingest", "--user", "alice", "--task", "lamp2", "--history", history, "--json"];

        await using var first = cli.StartProcess(ingest);
        await UntilAsync(() => Volatile.Read(ref chatCalls.Value) >= 1, first);
        await using var second = cli.StartProcess(ingest);
        await using var third = cli.StartProcess(ingest);
        await second.WaitForStderrAsync(Waiting);
        await third.WaitForStderrAsync(Waiting);
        stall.Set();
        var results = new[] { await first.ExitAsync(), await second.ExitAsync(), await third.ExitAsync() };

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(single, cli.Server.ChatRequests.Count);
        // The two that waited stored nothing new: every item was already there with the same content.
        Assert.Equal(1, results.Count(r => (int)r.Json["items"]! == 6));
        Assert.Equal(2, results.Count(r => (int)r.Json["items"]! == 0 && (int)r.Json["reused"]! == 6));
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64);
        Assert.Equal(6, (await storage.Reasoning.GetItemIdsAsync("alice", "lamp2")).Count);
        Assert.Equal(6, (await storage.UserModels.GetAsync("alice", "lamp2"))!.ItemCount);
    }

    /// <summary>Holds the first chat request the server gets until <paramref name="stall"/> is set; counts every chat request.</summary>
    private static StrongBox<int> HoldFirstChatCall(CliHarness cli, ManualResetEventSlim stall)
    {
        var calls = new StrongBox<int>();
        cli.Server.Respond(_ =>
        {
            if (Interlocked.Increment(ref calls.Value) == 1)
            {
                stall.Wait(TimeSpan.FromSeconds(60));
            }

            return null;
        });
        return calls;
    }

    private static async Task UntilAsync(Func<bool> condition, RunningRpm process)
    {
        while (!condition())
        {
            Assert.False(process.HasExited, $"the process ended before the condition held:\n{process.Stderr}");
            await Task.Delay(20);
        }
    }
}
