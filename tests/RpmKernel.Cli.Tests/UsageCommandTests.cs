using System.Globalization;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk usage</c>: calls, tokens and estimated cost per user and stage, from the usage ledger.</summary>
public sealed class UsageCommandTests
{
    [Fact]
    public async Task Json_sums_per_user_and_stage_prices_gpt_4o_mini_and_counts_cache_hits_for_free()
    {
        await using var cli = await CliHarness.StartAsync();
        await Ledger.AppendAsync(cli,
            Ledger.Row("ann", "extract-features", 1000, 200),
            Ledger.Row("ann", "extract-features", 3000, 600),
            Ledger.Row("ann", "generate", 500, 100, cacheHit: true),
            Ledger.Row("ben", "generate", 2_000_000, 1_000_000));

        var usage = await cli.RunAsync("usage", "--json");

        Assert.True(usage.ExitCode == 0, usage.ToString());
        var users = usage.Json["users"]!.AsArray().Select(u => u!.AsObject()).ToList();
        Assert.Equal(["ann", "ben"], users.Select(u => (string)u["userId"]!));

        // ann: 4000 input and 800 output tokens billed at $0.15 / $0.60 per million; the cache hit is free.
        var ann = users[0];
        Assert.Equal(2, (int)ann["total"]!["calls"]!);
        Assert.Equal(1, (int)ann["total"]!["cacheHits"]!);
        Assert.Equal(4000, (long)ann["total"]!["inputTokens"]!);
        Assert.Equal(500, (long)ann["total"]!["cachedInputTokens"]!);
        Assert.Equal(0.00108m, (decimal)ann["total"]!["estimatedCost"]!);
        var stages = ann["stages"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(["extract-features", "generate"], stages.Select(s => (string)s["stage"]!));
        Assert.Equal(0m, (decimal)stages[1]["estimatedCost"]!);
        Assert.Equal(1, (int)stages[1]["cacheHits"]!);

        // ben: 2M input ($0.30) + 1M output ($0.60).
        Assert.Equal(0.90m, (decimal)users[1]["total"]!["estimatedCost"]!);
        Assert.Equal(0.90108m, (decimal)usage.Json["total"]!["estimatedCost"]!);
        Assert.Equal(3, (int)usage.Json["total"]!["calls"]!);
        Assert.Empty(usage.Json["unpricedModels"]!.AsArray());
    }

    [Fact]
    public async Task User_option_shows_one_user_and_needs_no_model()
    {
        await using var cli = await CliHarness.StartAsync();
        await Ledger.AppendAsync(cli, Ledger.Row("ann", "generate", 100, 10), Ledger.Row("ben", "generate", 200, 20));
        cli.Environment.Remove("Rpm__Chat__Endpoint");
        cli.Environment.Remove("Rpm__Chat__ApiKey");
        cli.Environment["Rpm__Embeddings__Provider"] = "Local";

        var usage = await cli.RunAsync("usage", "--user", "ben", "--json");

        Assert.True(usage.ExitCode == 0, usage.ToString());
        var user = Assert.Single(usage.Json["users"]!.AsArray())!;
        Assert.Equal("ben", (string)user["userId"]!);
        Assert.Equal(200, (long)usage.Json["total"]!["inputTokens"]!);
        Assert.Empty(cli.Server.Requests);
    }

    [Fact]
    public async Task A_model_without_price_has_unknown_cost_until_it_is_configured()
    {
        await using var cli = await CliHarness.StartAsync();
        await Ledger.AppendAsync(cli, Ledger.Row("ann", "generate", 1_000_000, 1_000_000, model: "local-llama"));

        var unpriced = await cli.RunAsync("usage");
        Assert.True(unpriced.ExitCode == 0, unpriced.ToString());
        Assert.Contains("unknown", unpriced.Stdout, StringComparison.Ordinal);
        Assert.Contains("No price for model(s) local-llama; set Rpm:Pricing:Models:<model>:InputPerMillion", unpriced.Stdout, StringComparison.Ordinal);
        var json = await cli.RunAsync("usage", "--json");
        Assert.Null(json.Json["total"]!["estimatedCost"]);
        Assert.Equal(["local-llama"], json.Json["unpricedModels"]!.AsArray().Select(m => (string)m!));

        cli.Environment["Rpm__Pricing__Models__local-llama__InputPerMillion"] = "1";
        cli.Environment["Rpm__Pricing__Models__local-llama__OutputPerMillion"] = "2.5";
        var priced = await cli.RunAsync("usage", "--json");
        Assert.Equal(3.5m, (decimal)priced.Json["total"]!["estimatedCost"]!);
    }

    [Fact]
    public async Task A_total_over_priced_and_unpriced_models_gives_the_priced_part_and_the_unpriced_tokens_per_model()
    {
        await using var cli = await CliHarness.StartAsync();
        await Ledger.AppendAsync(cli, Ledger.Row("ann", "extract-features", 2000, 1000));
        await Ledger.AppendAsync(cli, Ledger.Row("ann", "generate", 300, 200, model: "local-llama"));

        var usage = await cli.RunAsync("usage");

        Assert.True(usage.ExitCode == 0, usage.ToString());
        // 2000 x 0.15 / 1e6 + 1000 x 0.60 / 1e6 = 0.0009 on gpt-4o-mini; local-llama has no price.
        var lines = usage.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("all", StringComparison.Ordinal) && l.EndsWith("0.000900+?", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("generate", StringComparison.Ordinal) && l.EndsWith("unknown", StringComparison.Ordinal));
        Assert.Contains("Total: priced part 0.000900 USD; unpriced: 500 tokens on model local-llama.", usage.Stdout, StringComparison.Ordinal);
        var json = await cli.RunAsync("usage", "--json");
        Assert.Null(json.Json["total"]!["estimatedCost"]);
        Assert.Equal(0.0009m, (decimal)json.Json["total"]!["pricedCost"]!);
        Assert.Equal(500, (long)json.Json["total"]!["unpricedTokens"]!);
        var unpriced = Assert.Single(json.Json["unpriced"]!.AsArray())!;
        Assert.Equal(("local-llama", 1, 300L, 200L), ((string)unpriced["model"]!, (int)unpriced["calls"]!, (long)unpriced["inputTokens"]!, (long)unpriced["outputTokens"]!));
    }

    [Fact]
    public async Task Text_output_is_a_table_with_a_row_per_stage_and_totals()
    {
        await using var cli = await CliHarness.StartAsync();
        await Ledger.AppendAsync(cli, Ledger.Row("ann", "cluster-factors", 2000, 1000));

        var usage = await cli.RunAsync("usage");

        Assert.True(usage.ExitCode == 0, usage.ToString());
        var lines = usage.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("USER", lines[0], StringComparison.Ordinal);

        // 2000 x 0.15 / 1e6 + 1000 x 0.60 / 1e6 = 0.0009.
        var cost = (0.0009m).ToString("0.000000", CultureInfo.InvariantCulture);
        Assert.Contains(lines, l => l.StartsWith("ann", StringComparison.Ordinal) && l.Contains("cluster-factors", StringComparison.Ordinal) && l.EndsWith(cost, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("all", StringComparison.Ordinal) && l.EndsWith(cost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_ledger_says_so()
    {
        await using var cli = await CliHarness.StartAsync();

        var usage = await cli.RunAsync("usage", "--user", "nobody");

        Assert.Equal(0, usage.ExitCode);
        Assert.Contains("No model calls were recorded for user 'nobody'.", usage.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_price_is_an_input_error_naming_the_setting()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Pricing__Models__gpt-4o-mini__InputPerMillion"] = "-1";

        var usage = await cli.RunAsync("usage");

        Assert.Equal(2, usage.ExitCode);
        var line = Assert.Single(usage.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("Rpm:Pricing:Models:gpt-4o-mini", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_with_the_real_pipeline_leaves_the_ledger_readable()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        var ingest = await cli.RunAsync("ingest", "--user", "ann", "--task", "lamp2", "--history", history);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var usage = await cli.RunAsync("usage", "--json");

        // Whatever the pipeline records, every row is ann's and the total is the sum of the users.
        Assert.True(usage.ExitCode == 0, usage.ToString());
        var users = usage.Json["users"]!.AsArray();
        Assert.All(users, u => Assert.Equal("ann", (string)u!["userId"]!));
        Assert.Equal(users.Sum(u => (int)u!["total"]!["calls"]!), (int)usage.Json["total"]!["calls"]!);
    }
}
