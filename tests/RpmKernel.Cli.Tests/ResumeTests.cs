using System.Diagnostics;
using System.Globalization;
using RpmKernel.Cli.Tests.Support;
using RpmKernel.Storage.Records;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk ingest</c> survives a kill: the same command again redoes only what is missing (and reports what it reused); <c>--rebuild</c> redoes everything.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task After_a_kill_the_same_ingest_asks_only_for_what_never_came_back()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // kill -KILL is POSIX; the in-process crash tests of RpmKernel.SemanticKernel.Tests cover the logic.
        }

        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "1";
        cli.Environment["Rpm__Chat__MaxConcurrency"] = "1";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        string[] ingest = ["ingest", "--user", "kim", "--task", "lamp2", "--history", history, "--json"];
        using var stall = new ManualResetEventSlim();
        var reasoningCalls = 0;

        // The fourth reasoning call never answers: the process is killed while waiting for it.
        cli.Server.Respond(request =>
        {
            if (request.Body.Contains("\"reasoning_paths\"", StringComparison.Ordinal) && Interlocked.Increment(ref reasoningCalls) >= 4)
            {
                stall.Wait(TimeSpan.FromSeconds(60));
            }

            return null;
        });
        await cli.RunProcessAsync(ingest, async process =>
        {
            // Killed once the fourth call waits and the three answered items are stored: their cache entries and
            // records are written after the concurrency slot is released, so the fourth call alone is not enough.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!process.HasExited && DateTime.UtcNow < deadline
                && (Volatile.Read(ref reasoningCalls) < 4 || StoredRecords(cli.DatabasePath, "kim") < 3))
            {
                await Task.Delay(20);
            }

            // The kill must land at that point, not after a timeout or an exit, or the counts below mean nothing.
            Assert.False(process.HasExited, "rpmk exited before the fourth reasoning call; it should have waited for it");
            Assert.True(Volatile.Read(ref reasoningCalls) == 4 && StoredRecords(cli.DatabasePath, "kim") == 3,
                $"not at the kill point after 60 s: {Volatile.Read(ref reasoningCalls)} reasoning calls, {StoredRecords(cli.DatabasePath, "kim")} records stored");
            using var kill = Process.Start("kill", ["-s", "KILL", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await process.WaitForExitAsync();
        });
        stall.Set();
        cli.Server.ClearResponders();
        cli.Server.ClearRequests();

        var rerun = await cli.RunAsync(ingest);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        // The three records stored before the kill are reused; the other three are built again, their
        // features and factors from the response cache and their reasoning with one call each.
        Assert.Equal((3, 3), ((int)rerun.Json["items"]!, (int)rerun.Json["reused"]!));
        var stages = cli.Server.ChatRequests.Select(r => r.SchemaName()).ToList();
        Assert.Equal(["reasoning_paths", "reasoning_paths", "reasoning_paths"], stages);
        var explain = await cli.RunAsync("explain", "--user", "kim", "--task", "lamp2", "--json");
        Assert.Equal(6, (int)explain.Json["itemCount"]!);
        cli.Server.ClearRequests();

        var unchanged = await cli.RunAsync(ingest);

        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.Equal((0, 6), ((int)unchanged.Json["items"]!, (int)unchanged.Json["reused"]!));
        Assert.Empty(cli.Server.ChatRequests);

        var rebuild = await cli.RunAsync([.. ingest, "--rebuild"]);

        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Equal((6, 0), ((int)rebuild.Json["items"]!, (int)rebuild.Json["reused"]!));
        Assert.Equal(6, cli.Server.ChatRequests.Count(r => r.Body.Contains("\"extracted_features\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_text_report_says_how_many_items_were_reused_without_model_calls()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        string[] ingest = ["ingest", "--user", "kim", "--task", "lamp2", "--history", history];

        var first = await cli.RunAsync(ingest);
        cli.Server.ClearRequests();
        var again = await cli.RunAsync(ingest);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("Ingested 6 items for user 'kim' (task lamp2); 0 failed.", first.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("Ingested 0 items for user 'kim' (task lamp2); 6 already stored and reused without model calls; 0 failed.", again.Stdout, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    private static int StoredRecords(string databasePath, string userId) =>
        StoreContents.RowsMentioning(databasePath, userId).GetValueOrDefault(ReasoningRecordEntity.DefaultCollectionName);
}
