using System.Text.Json.Nodes;
using RpmKernel.Cli.Tests.Support;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Cli.Tests;

/// <summary>A <c>forget</c> held back by a running reindex of the store says so on stderr, as a waiting ingest does.</summary>
public sealed class ForgetWaitingTests
{
    [Fact]
    public async Task A_forget_that_waits_for_a_reindex_of_the_store_says_so_once_on_stderr_then_forgets()
    {
        await using var cli = await CliHarness.StartAsync();
        var ingest = await cli.RunAsync("ingest", "--user", "bob", "--task", "lamp2", "--history", cli.WriteFile("history.jsonl", Histories.SixMovies));
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        // A reindex of the store (say, in another process) holds the store-wide lease.
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64);
        Assert.Null(await storage.Leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, "host-r/77/reindex", TimeSpan.FromMinutes(1)));
        using var stdout = new StringWriter();
        using var stderr = new SharedWriter();
        var forget = CliApp.RunAsync(["forget", "--user", "bob", "--json"], stdout, stderr, cli.Environment, CancellationToken.None);
        while (!stderr.Text.Contains(UserWriteLease.WaitingForReindexStage, StringComparison.Ordinal))
        {
            Assert.False(forget.IsCompleted, $"forget ended without waiting: {stderr.Text}");
            await Task.Delay(20);
        }

        // Nothing is forgotten while the reindex holds the store.
        Assert.Equal(6, (await storage.Reasoning.GetItemIdsAsync("bob", "lamp2")).Count);
        await storage.Leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, "host-r/77/reindex");

        Assert.Equal(0, await forget);
        Assert.Equal(6, (int)JsonNode.Parse(stdout.ToString())!["records"]!);
        Assert.Single(stderr.Text.Split('\n'), line => line.StartsWith(UserWriteLease.WaitingForReindexStage, StringComparison.Ordinal));
        Assert.Empty(await storage.Reasoning.GetItemIdsAsync("bob", "lamp2"));
    }
}
