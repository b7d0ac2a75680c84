using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>An item the model cannot build is listed as failed and the command exits 1; the rest is stored.</summary>
public sealed class IngestFailureTests
{
    [Fact]
    public async Task An_item_whose_features_stay_invalid_is_listed_and_the_exit_code_is_1()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        // Every request that carries m4's description gets output that is not JSON, retries included.
        cli.Server.Respond(request => request.Body.Contains("seven deadly sins", StringComparison.Ordinal) ? "this is not json" : null);

        var ingest = await cli.RunAsync("ingest", "--user", "jack", "--task", "lamp2", "--history", history, "--json");

        Assert.Equal(1, ingest.ExitCode);
        Assert.Equal(5, (int)ingest.Json["items"]!);
        var failed = Assert.Single(ingest.Json["failed"]!.AsArray())!.AsObject();
        Assert.Equal(["itemId", "stage", "error"], failed.Select(p => p.Key));
        Assert.Equal("m4", (string)failed["itemId"]!);
        Assert.Equal("extract-features", (string)failed["stage"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)failed["error"]!));

        var explain = await cli.RunAsync("explain", "--user", "jack", "--task", "lamp2", "--json");
        Assert.Equal(5, (int)explain.Json["itemCount"]!);
    }

    [Fact]
    public async Task Without_json_the_failed_item_is_listed_in_the_summary()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        cli.Server.Respond(request => request.Body.Contains("seven deadly sins", StringComparison.Ordinal) ? "this is not json" : null);

        var ingest = await cli.RunAsync("ingest", "--user", "jack", "--task", "lamp2", "--history", history);

        Assert.Equal(1, ingest.ExitCode);
        Assert.StartsWith("Ingested 5 items for user 'jack' (task lamp2); 1 failed.", ingest.Stdout, StringComparison.Ordinal);
        Assert.Contains("  failed m4 at extract-features: ", ingest.Stdout, StringComparison.Ordinal);
    }
}
