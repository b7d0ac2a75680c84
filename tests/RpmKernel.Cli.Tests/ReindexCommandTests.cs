using RpmKernel.Cli.Tests.Support;
using RpmKernel.Storage;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk reindex</c>: re-embeds stored feature texts without chat calls, and rebuilds the store for a new dimension.</summary>
public sealed class ReindexCommandTests
{
    [Fact]
    public async Task Same_dimension_re_embeds_every_record_without_chat_calls()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ann", "bea");
        cli.Server.ClearRequests();

        var reindex = await cli.RunAsync("reindex", "--json");

        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        Assert.Equal(2, (int)reindex.Json["users"]!);
        Assert.Equal(12, (int)reindex.Json["records"]!);
        Assert.Equal(64, (int)reindex.Json["dimensions"]!);
        Assert.False((bool)reindex.Json["rebuilt"]!);
        Assert.Equal("text-embedding-3-small", (string)reindex.Json["embeddingModel"]!);
        Assert.Empty(cli.Server.ChatRequests);
        Assert.Contains(cli.Server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));

        var one = await cli.RunAsync("reindex", "--user", "bea");
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.StartsWith("Re-embedded 6 records of 1 user(s) with text-embedding-3-small (64 dimensions); no chat-model calls.", one.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_dimension_rebuilds_the_collection_for_every_user_and_retrieval_works_again()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ann", "bea");
        cli.Environment["Rpm__Embeddings__Dimensions"] = "32";
        cli.Server.ClearRequests();

        var stale = await cli.RunAsync("personalize", "--user", "ann", "--task", "lamp2", "--query", Histories.NewMovie);
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("stores 64-dimensional vectors", Assert.Single(stale.StderrLines), StringComparison.Ordinal);
        Assert.Contains("run `rpmk reindex`", stale.Stderr, StringComparison.Ordinal);

        var refused = await cli.RunAsync("reindex", "--user", "ann");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("without --user", Assert.Single(refused.StderrLines), StringComparison.Ordinal);

        var reindex = await cli.RunAsync("reindex", "--json");

        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        Assert.True((bool)reindex.Json["rebuilt"]!);
        Assert.Equal(32, (int)reindex.Json["dimensions"]!);
        Assert.Equal([64], reindex.Json["previousDimensions"]!.AsArray().Select(d => (int)d!));
        Assert.Equal(12, (int)reindex.Json["records"]!);
        Assert.Empty(cli.Server.ChatRequests);

        using (var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 32))
        {
            var records = await new ReasoningCollectionAdmin(storage.VectorStore).ReadAsync();
            Assert.Equal(12, records.Count);
            Assert.All(records, r => Assert.Equal(32, r.EmbeddingDimensions));
            Assert.Equal(6, (await storage.Reasoning.GetAllAsync("ann", "lamp2")).Count);
        }

        var answer = await cli.RunAsync("personalize", "--user", "ann", "--task", "lamp2", "--query", Histories.NewMovie, "--json");
        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.NotEmpty(answer.Json["examples"]!.AsArray());
    }

    [Fact]
    public async Task A_rebuild_cut_short_after_the_drop_is_finished_from_the_backup()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ann", "bea");

        // The state a crash leaves between dropping the collection and writing it back.
        using (var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64))
        {
            var live = new ReasoningCollectionAdmin(storage.VectorStore);
            await live.BackUpAsync(await live.ReadAsync());
            await live.DropAsync();
        }

        cli.Server.ClearRequests();
        var refused = await cli.RunAsync("reindex", "--user", "ann");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cut short", refused.Stderr, StringComparison.Ordinal);

        var reindex = await cli.RunAsync("reindex", "--json");

        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        Assert.True((bool)reindex.Json["rebuilt"]!);
        Assert.Equal(12, (int)reindex.Json["records"]!);
        Assert.Equal(2, (int)reindex.Json["users"]!);
        Assert.Empty(cli.Server.ChatRequests);
        using (var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64))
        {
            Assert.False(await new ReasoningCollectionAdmin(storage.VectorStore, ReasoningCollectionAdmin.BackupName(ReasoningRecordEntity.DefaultCollectionName)).ExistsAsync());
        }

        var answer = await cli.RunAsync("personalize", "--user", "bea", "--task", "lamp2", "--query", Histories.NewMovie, "--json");
        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.NotEmpty(answer.Json["examples"]!.AsArray());
    }

    [Fact]
    public async Task An_empty_store_has_nothing_to_reindex()
    {
        await using var cli = await CliHarness.StartAsync();

        var reindex = await cli.RunAsync("reindex");

        Assert.Equal(0, reindex.ExitCode);
        Assert.Equal("Nothing to reindex: no records are stored.", reindex.Stdout.Trim());
        Assert.Empty(cli.Server.Requests);
    }

    [Fact]
    public async Task A_failing_embedding_service_leaves_the_store_as_it_was()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ann");
        cli.Environment["Rpm__Embeddings__Dimensions"] = "32";
        cli.Environment["Rpm__Embeddings__Endpoint"] = "http://127.0.0.1:9/v1";

        var reindex = await cli.RunAsync("reindex");

        Assert.Equal(1, reindex.ExitCode);
        cli.Environment.Remove("Rpm__Embeddings__Endpoint");
        cli.Environment["Rpm__Embeddings__Dimensions"] = "64";
        var explain = await cli.RunAsync("personalize", "--user", "ann", "--task", "lamp2", "--query", Histories.NewMovie, "--json");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.NotEmpty(explain.Json["examples"]!.AsArray());
    }

    private static async Task IngestAsync(CliHarness cli, params string[] users)
    {
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        foreach (var user in users)
        {
            var ingest = await cli.RunAsync("ingest", "--user", user, "--task", "lamp2", "--history", history);
            Assert.True(ingest.ExitCode == 0, ingest.ToString());
        }
    }
}
