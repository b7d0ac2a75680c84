using RpmKernel.Cli.Tests.Support;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// A <c>rpmk reindex</c> process rebuilds the store for a new embedding dimension while a
/// <c>rpmk ingest</c> process of a new user is half-way (issue 12, finding 2: the rebuild used to
/// drop that ingest's records and keep its model), with real processes.
/// </summary>
public sealed class ConcurrentReindexIngestTests
{
    [Fact]
    public async Task A_rebuild_in_another_process_keeps_every_record_a_running_ingest_stored_and_the_rerun_completes_the_user()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "1";
        cli.Environment["Rpm__Chat__MaxConcurrency"] = "1";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        var ann = await cli.RunAsync("ingest", "--user", "ann", "--task", "lamp2", "--history", history);
        Assert.True(ann.ExitCode == 0, ann.ToString());

        // cat's third reasoning call is held at the server: two of cat's records are stored, none is being written.
        using var stall = new ManualResetEventSlim();
        var reasoningCalls = 0;
        cli.Server.Respond(request =>
        {
            if (request.IsStage("reasoning_paths") && Interlocked.Increment(ref reasoningCalls) == 3)
            {
                stall.Wait(TimeSpan.FromSeconds(60));
            }

            return null;
        });
        await using var ingest = cli.StartProcess("ingest", "--user", "cat", "--task", "lamp2", "--history", history);
        while (await StoredAsync(cli, "cat", dimensions: 64) < 2)
        {
            Assert.False(ingest.HasExited, ingest.Stderr);
            await Task.Delay(50);
        }

        var newDimension = new Dictionary<string, string?>(cli.Environment) { ["Rpm__Embeddings__Dimensions"] = "32" };
        var reindex = await RpmProcess.RunAsync(["reindex", "--json"], newDimension, cli.Directory.Path);
        stall.Set();
        var ingested = await ingest.ExitAsync();

        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        Assert.True((bool)reindex.Json["rebuilt"]!);
        Assert.Equal(8, (int)reindex.Json["records"]!);
        // The ingest, still on 64 dimensions, stops at its next write instead of writing a row of the old length.
        Assert.True(ingested.ExitCode == 2, ingested.ToString());
        Assert.Contains("another process rebuilt the collection", ingested.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, await StoredAsync(cli, "cat", dimensions: 32));
        Assert.Equal(6, await StoredAsync(cli, "ann", dimensions: 32));

        // Rerun with the new settings: the two survivors are reused, the rest are built, and the model counts all six.
        cli.Environment["Rpm__Embeddings__Dimensions"] = "32";
        var rerun = await cli.RunAsync("ingest", "--user", "cat", "--task", "lamp2", "--history", history, "--json");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(2, (int)rerun.Json["reused"]!);
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 32);
        Assert.Equal(6, (await storage.Reasoning.GetItemIdsAsync("cat", "lamp2")).Count);
        Assert.Equal(6, (await storage.UserModels.GetAsync("cat", "lamp2"))!.ItemCount);
    }

    private static async Task<int> StoredAsync(CliHarness cli, string userId, int dimensions)
    {
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions);
        return (await storage.Reasoning.GetItemIdsAsync(userId, "lamp2")).Count;
    }
}
