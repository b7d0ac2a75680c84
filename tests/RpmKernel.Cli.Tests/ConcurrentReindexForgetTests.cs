using RpmKernel.Cli.Tests.Support;
using RpmKernel.Storage;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// A forget while another process reindexes the store (issue 12), with real processes: the reindex
/// has read every record before the forget, so the forget waits for it to end instead of being undone by it.
/// </summary>
public sealed class ConcurrentReindexForgetTests
{
    [Fact]
    public async Task A_forget_while_another_process_reindexes_waits_for_it_and_the_user_stays_forgotten()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        foreach (var user in new[] { "ann", "bob" })
        {
            var ingest = await cli.RunAsync("ingest", "--user", user, "--task", "lamp2", "--history", history);
            Assert.True(ingest.ExitCode == 0, ingest.ToString());
        }

        var embeddingCalls = EmbeddingCalls(cli);
        cli.Server.EmbeddingLatency = TimeSpan.FromSeconds(3);
        CliResult? forget = null;
        var reindex = await cli.RunProcessAsync(["reindex", "--json"], async process =>
        {
            // The reindex read the records and is embedding them when its first embedding request arrives.
            while (EmbeddingCalls(cli) == embeddingCalls && !process.HasExited)
            {
                await Task.Delay(20);
            }

            forget = await RpmProcess.RunAsync(["forget", "--user", "bob", "--json"], cli.Environment, cli.Directory.Path);
        });

        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        Assert.Equal(12, (int)reindex.Json["records"]!);
        Assert.True(forget!.ExitCode == 0, forget.ToString());
        Assert.Equal(6, (int)forget.Json["records"]!);
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64);
        Assert.Empty(await new ReasoningCollectionAdmin(storage.VectorStore).ReadAsync("bob"));
        Assert.Equal(6, (await storage.Reasoning.GetAllAsync("ann", "lamp2")).Count);
        Assert.Null(await storage.UserModels.GetAsync("bob", "lamp2"));
    }

    private static int EmbeddingCalls(CliHarness cli) => cli.Server.Requests.Count(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
}
