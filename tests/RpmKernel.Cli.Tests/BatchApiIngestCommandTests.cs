using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk ingest --batch-api</c>: the stage calls go out as Batch API batches, with a progress line per status reading, and usage shows them at the batch price.</summary>
public sealed class BatchApiIngestCommandTests
{
    [Fact]
    public async Task Batch_api_ingest_polls_with_progress_lines_and_usage_prices_the_calls_at_half()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Server.BatchPollsBeforeCompletion = 1;
        cli.Environment["Rpm__Ingest__BatchApi__PollInterval"] = "00:00:00.020";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunAsync("ingest", "--user", "ann", "--task", "lamp2", "--history", history, "--batch-api", "--json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(6, (int)ingest.Json["items"]!);
        Assert.Empty(cli.Server.ChatRequests);
        Assert.Equal(3, cli.Server.BatchesCreated);
        Assert.Contains(ingest.StderrLines, l => l.StartsWith("extract-features: batch batch_fake0001 in_progress ", StringComparison.Ordinal) && l.EndsWith(", polling every 20 ms", StringComparison.Ordinal));
        Assert.Contains(ingest.StderrLines, l => l.StartsWith("construct-reasoning: batch batch_fake0003 completed ", StringComparison.Ordinal));

        var usage = await cli.RunAsync("usage", "--json");
        var text = await cli.RunAsync("usage");

        Assert.True(usage.ExitCode == 0, usage.ToString());
        var total = usage.Json["total"]!;
        Assert.Equal((int)total["calls"]!, (int)total["batchCalls"]!);
        var expected = ((long)total["inputTokens"]! * 0.075m + (long)total["outputTokens"]! * 0.30m) / 1_000_000m;
        Assert.Equal(expected, (decimal)total["estimatedCost"]!);
        Assert.Contains("went through the Batch API", text.Stdout, StringComparison.Ordinal);
    }
}
