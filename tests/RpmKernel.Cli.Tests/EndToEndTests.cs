using System.Globalization;
using System.Text.Json.Nodes;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>The whole life of a user through the command line: ingest, personalize, explain, forget.</summary>
public sealed class EndToEndTests
{
    private static readonly string[] IngestedIds = ["m1", "m2", "m3", "m4", "m5", "m6"];
    private static readonly string[] RpmStages = ["extract-features", "cluster-factors", "construct-reasoning", "extract-target-features", "generate"];

    [Fact]
    public async Task Ingest_personalize_explain_forget_print_the_documented_json()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunAsync("ingest", "--user", "alice", "--task", "lamp2", "--history", history, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var summary = ingest.Json;
        // DESIGN.md's keys, plus "reused" (records already stored and reused without model calls).
        Assert.Equal(["users", "items", "reused", "failed", "usage"], summary.Select(p => p.Key));
        Assert.Equal(1, (int)summary["users"]!);
        Assert.Equal(6, (int)summary["items"]!);
        Assert.Equal(0, (int)summary["reused"]!);
        Assert.Empty(summary["failed"]!.AsArray());

        // Batch size 8 holds all six items: one feature call, one clustering call, one reasoning call.
        AssertUsage(summary["usage"]!, expectedCalls: 3);

        var personalize = await cli.RunAsync("personalize", "--user", "alice", "--task", "lamp2", "--query", Histories.NewMovie, "--json");
        Assert.True(personalize.ExitCode == 0, personalize.ToString());
        var answer = personalize.Json;
        Assert.Equal(["answer", "reasoning", "factors", "examples", "promptVersions", "usage", "queryFeatures", "fromCache"], answer.Select(p => p.Key));
        Assert.Contains((string)answer["answer"]!, Histories.Lamp2Labels);
        Assert.False(string.IsNullOrWhiteSpace((string)answer["reasoning"]!));
        var factors = answer["factors"]!.AsArray();
        Assert.NotEmpty(factors);
        foreach (var factor in factors.Select(f => f!.AsObject()))
        {
            Assert.False(string.IsNullOrWhiteSpace((string)factor["name"]!));
            Assert.InRange((int)factor["evidence"]!, 0, 6);

            // A classification task has label propensities and no rating or generation statistics (nulls are omitted).
            Assert.All(factor["propensity"]!.AsObject(), p => Assert.Contains(p.Key, Histories.Lamp2Labels));
            Assert.False(factor.ContainsKey("meanScore"));
            Assert.False(factor.ContainsKey("polarity"));
        }

        // Retrieval: at most TopK = 4 of the six stored items, best first.
        var examples = answer["examples"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.InRange(examples.Count, 1, 4);
        Assert.All(examples, e => Assert.Contains((string)e["itemId"]!, IngestedIds));
        var scores = examples.Select(e => (double)e["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(RpmStages.Order(StringComparer.Ordinal), answer["promptVersions"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("v1", (string)answer["promptVersions"]!["generate"]!);

        // Stage 6 (target features) and stage 8 (generation): two calls.
        AssertUsage(answer["usage"]!, expectedCalls: 2);

        var explain = await cli.RunAsync("explain", "--user", "alice", "--task", "lamp2", "--json");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        var model = explain.Json;
        Assert.Equal("alice", (string)model["userId"]!);
        Assert.Equal("lamp2", (string)model["task"]!);
        Assert.Equal(6, (int)model["itemCount"]!);
        Assert.Equal("gpt-4o-mini", (string)model["model"]!);
        Assert.True(DateTimeOffset.TryParse((string)model["builtAt"]!, CultureInfo.InvariantCulture, out _));
        Assert.Equal(factors.Count, model["factors"]!.AsArray().Count);
        Assert.All(model["factors"]!.AsArray(), f => Assert.True(f!.AsObject().ContainsKey("description") && f.AsObject().ContainsKey("evidence")));
        Assert.Equal("v1", (string)model["promptVersions"]!["cluster-factors"]!);

        var forget = await cli.RunAsync("forget", "--user", "alice", "--json");
        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.Equal(["records", "models", "cacheEntries", "usageRows"], forget.Json.Select(p => p.Key));
        Assert.Equal(6, (int)forget.Json["records"]!);
        Assert.Equal(1, (int)forget.Json["models"]!);

        var after = await cli.RunAsync("explain", "--user", "alice", "--task", "lamp2", "--json");
        Assert.Equal(2, after.ExitCode);
        Assert.Contains("no ingested history", after.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_json_the_commands_print_a_readable_summary()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunAsync("ingest", "--user", "bob", "--task", "lamp2", "--history", history);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.StartsWith("Ingested 6 items for user 'bob' (task lamp2); 0 failed.", ingest.Stdout, StringComparison.Ordinal);

        var personalize = await cli.RunAsync("personalize", "--user", "bob", "--task", "lamp2", "--query", Histories.NewMovie);
        Assert.True(personalize.ExitCode == 0, personalize.ToString());
        var firstLine = personalize.Stdout.Split('\n')[0];
        Assert.StartsWith("Answer: ", firstLine, StringComparison.Ordinal);
        Assert.Contains(firstLine["Answer: ".Length..].Trim(), Histories.Lamp2Labels);
        Assert.Contains("Reasoning:", personalize.Stdout, StringComparison.Ordinal);
        Assert.Contains("evidence ", personalize.Stdout, StringComparison.Ordinal);
        Assert.Contains("(similarity ", personalize.Stdout, StringComparison.Ordinal);

        var explain = await cli.RunAsync("explain", "--user", "bob", "--task", "lamp2");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.StartsWith("User 'bob', task lamp2: 6 items", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("FACTOR", explain.Stdout, StringComparison.Ordinal);

        var forget = await cli.RunAsync("forget", "--user", "bob", "--task", "lamp2");
        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.Equal("Forgot user 'bob' (task lamp2): 6 records, 1 user model, 5 cache entries, 5 usage rows.", forget.Stdout.Trim());
    }

    private static void AssertUsage(JsonNode usage, int expectedCalls)
    {
        Assert.Equal(["calls", "inputTokens", "outputTokens"], usage.AsObject().Select(p => p.Key));
        Assert.Equal(expectedCalls, (int)usage["calls"]!);
        Assert.True((long)usage["inputTokens"]! > 0);
        Assert.True((long)usage["outputTokens"]! > 0);
    }
}
