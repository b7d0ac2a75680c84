using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// Prompt-prefix caching reaches <c>rpmk usage</c>: the fake server reports <c>cached_tokens</c> as OpenAI
/// does (a shared beginning of at least 1,024 tokens, in steps of 128), and the ledger keeps and prices them.
/// </summary>
public sealed class PromptCacheUsageTests
{
    // A task whose instruction alone is longer than OpenAI's 1,024-token caching minimum, as a detailed rubric is.
    private static readonly string s_longProfile = $"""
        name: rubric
        kind: classification
        description: Tag a movie the way this user tags movies, following their detailed rubric.
        instruction: >-
          {string.Join(' ', Enumerable.Range(1, 1200).Select(i => $"rule{i}"))}
        labels: [dystopia, comedy, sci-fi, violence, romance]
        """;

    [Fact]
    public async Task The_second_call_of_a_user_and_stage_reads_the_shared_beginning_from_the_prompt_cache_and_usage_prices_it_at_the_cached_rate()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "3";
        var profile = cli.WriteFile("rubric.yaml", s_longProfile);
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunAsync("ingest", "--user", "ann", "--task", profile, "--history", history, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        // Two extraction batches of three: the second shares the system message and the 1,200-word instruction.
        var extraction = cli.Server.ChatRequests.Where(r => r.IsStage("extracted_features")).ToList();
        Assert.Equal(2, extraction.Count);
        Assert.True(cli.Server.CachedPromptTokens >= 1024, $"the server reported {cli.Server.CachedPromptTokens} cached tokens");

        var usage = await cli.RunAsync("usage", "--json");
        Assert.True(usage.ExitCode == 0, usage.ToString());
        var total = usage.Json["total"]!;
        var cached = (long)total["promptCacheTokens"]!;
        Assert.Equal(cli.Server.CachedPromptTokens, cached);
        var stages = usage.Json["users"]![0]!["stages"]!.AsArray().ToDictionary(s => (string)s!["stage"]!, s => s!);
        var extractionCached = (long)stages["extract-features"]!["promptCacheTokens"]!;
        Assert.InRange(extractionCached, 1024, (long)stages["extract-features"]!["inputTokens"]!);
        Assert.Equal(0, (extractionCached - 1024) % 128);

        // gpt-4o-mini: $0.15 per million input tokens, $0.075 from the cache, $0.60 output.
        var input = (long)total["inputTokens"]!;
        var output = (long)total["outputTokens"]!;
        var expected = (((input - cached) * 0.15m) + (cached * 0.075m) + (output * 0.60m)) / 1_000_000m;
        Assert.Equal(expected, (decimal)total["estimatedCost"]!);

        var text = await cli.RunAsync("usage");
        Assert.Contains($"{cached} of the {input} input tokens", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("prompt cache", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_cached_price_prompt_cache_reads_cost_the_input_price()
    {
        await using var cli = await CliHarness.StartAsync();
        var row = Ledger.Row("ann", "extract-features", 2_000_000, 0, model: "local-llama") with { PromptCacheTokens = 1_000_000 };
        var cheap = Ledger.Row("ann", "generate", 2_000_000, 0, model: "cheap") with { PromptCacheTokens = 1_000_000 };
        await Ledger.AppendAsync(cli, row, cheap);
        cli.Environment["Rpm__Pricing__Models__local-llama__InputPerMillion"] = "1";
        cli.Environment["Rpm__Pricing__Models__local-llama__OutputPerMillion"] = "1";
        cli.Environment["Rpm__Pricing__Models__cheap__InputPerMillion"] = "1";
        cli.Environment["Rpm__Pricing__Models__cheap__CachedInputPerMillion"] = "0.1";
        cli.Environment["Rpm__Pricing__Models__cheap__OutputPerMillion"] = "1";

        var usage = await cli.RunAsync("usage", "--json");

        Assert.True(usage.ExitCode == 0, usage.ToString());
        var stages = usage.Json["users"]![0]!["stages"]!.AsArray().ToDictionary(s => (string)s!["stage"]!, s => s!);
        Assert.Equal(2m, (decimal)stages["extract-features"]!["estimatedCost"]!);
        Assert.Equal(1.1m, (decimal)stages["generate"]!["estimatedCost"]!);
        Assert.Equal(2_000_000, (long)usage.Json["total"]!["promptCacheTokens"]!);
    }
}
