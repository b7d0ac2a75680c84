using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Output people read: personalize shows what the examples were and what the query was read as; explain defines its statistics.</summary>
public sealed class ReadableOutputTests
{
    [Fact]
    public async Task Personalize_shows_example_queries_the_query_features_and_a_cached_answer()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "kim", "--task", "lamp2", "--history", history)).ExitCode);
        string[] personalize = ["personalize", "--user", "kim", "--task", "lamp2", "--query", Histories.NewMovie];

        var first = await cli.RunAsync(personalize);
        cli.Server.ClearRequests();
        var again = await cli.RunAsync(personalize);
        var json = await cli.RunAsync([.. personalize, "--json"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain("from the response cache", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("Features of the query", first.Stdout, StringComparison.Ordinal);
        var examples = first.Stdout[first.Stdout.IndexOf("Examples (most similar past items):", StringComparison.Ordinal)..]
            .Split('\n').Skip(1).TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, line => Assert.Matches("""^  - m\d \(similarity -?\d\.\d{3}\) "[^"]+"$""", line.TrimEnd('\r')));
        Assert.StartsWith("Answer: ", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("(from the response cache; no model call)", again.Stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
        Assert.True((bool)json.Json["fromCache"]!);
        Assert.NotEmpty(json.Json["queryFeatures"]!.AsArray());
        Assert.All(json.Json["examples"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty((string?)e!["query"])));
    }

    [Fact]
    public async Task Explain_ends_with_a_legend_of_every_statistic_and_its_help_has_it_too()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "kim", "--task", "lamp2", "--history", history)).ExitCode);

        var explain = await cli.RunAsync("explain", "--user", "kim", "--task", "lamp2");
        var help = await cli.RunAsync("explain", "--help");

        Assert.True(explain.ExitCode == 0, explain.ToString());
        var legend = explain.Stdout[explain.Stdout.IndexOf("Legend:", StringComparison.Ordinal)..];
        foreach (var term in new[] { "coverage", "propensity", "lift", "influence", "base rate", "polarity" })
        {
            Assert.Matches($@"(?m)^  {term}\s+\S", legend);
            Assert.Contains($"{term}: ", help.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Retries_are_shown_on_stderr_with_the_stage_wait_reason_and_attempt()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "kim", "--task", "lamp2", "--history", history)).ExitCode);
        cli.Environment["Rpm__Chat__MaxRetries"] = "3";
        cli.Environment["Rpm__Chat__RetryDelay"] = "10ms";
        cli.Server.EnqueueFault(RpmKernel.Testing.FakeFault.Status(429));
        cli.Server.EnqueueFault(RpmKernel.Testing.FakeFault.Status(503));

        var result = await cli.RunAsync("personalize", "--user", "kim", "--task", "lamp2", "--query", Histories.NewMovie);

        Assert.True(result.ExitCode == 0, result.ToString());
        var notice = result.StderrLines.First(l => l.StartsWith("retrying ", StringComparison.Ordinal));
        Assert.Matches(@"^retrying extract-target-features in \d+\.\d s \(HTTP 429, attempt 2 of 4\)$", notice);
    }

    [Fact]
    public void Retry_notices_are_throttled_to_one_a_second()
    {
        var time = new SteppedTime();
        using var stderr = new StringWriter();
        var notices = new RpmKernel.Cli.Output.RetryNotices(stderr, time);
        var retry = new RpmKernel.SemanticKernel.Hosting.ModelRetry("extract-features", TimeSpan.FromSeconds(2.1), "HTTP 429", 2, 5);

        notices.Show(retry);
        time.Advance(TimeSpan.FromMilliseconds(900));
        notices.Show(retry with { NextAttempt = 3 });
        time.Advance(TimeSpan.FromMilliseconds(200));
        notices.Show(retry with { NextAttempt = 4 });

        Assert.Equal(
            ["retrying extract-features in 2.1 s (HTTP 429, attempt 2 of 5)", "retrying extract-features in 2.1 s (HTTP 429, attempt 4 of 5)"],
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
