using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>A single-user ingest off a terminal writes its progress as plain lines on stderr; stdout keeps the result.</summary>
public sealed partial class IngestProgressTests
{
    private static readonly string[] s_stages = ["extract-features", "cluster-factors", "construct-reasoning"];

    [Fact]
    public async Task With_json_stderr_carries_the_progress_lines_and_stdout_is_exactly_one_json_document()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "4";
        var history = cli.WriteFile("history.jsonl", Movies(12));

        var ingest = await cli.RunAsync("ingest", "--user", "jack", "--task", "lamp2", "--history", history, "--json");

        Assert.Equal(0, ingest.ExitCode);
        using (var document = JsonDocument.Parse(ingest.Stdout))
        {
            Assert.Equal(12, document.RootElement.GetProperty("items").GetInt32());
        }

        var lines = ingest.StderrLines.Select(ParseLine).ToList();
        Assert.Equal(s_stages, lines.Select(l => l.Stage).Distinct());
        Assert.Equal(("extract-features", 12, 12), lines.Last(l => l.Stage == "extract-features"));
        Assert.Equal(("cluster-factors", 1, 1), lines.Last(l => l.Stage == "cluster-factors"));
        Assert.Equal(("construct-reasoning", 12, 12), lines[^1]);
        foreach (var stage in s_stages)
        {
            var done = lines.Where(l => l.Stage == stage).Select(l => l.Done).ToList();
            Assert.Equal(done.Distinct().Order(), done);
        }
    }

    [Fact]
    public async Task Without_json_the_summary_stays_on_stdout_and_the_progress_goes_to_stderr()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Movies(6));

        var ingest = await cli.RunAsync("ingest", "--user", "jack", "--task", "lamp2", "--history", history);

        Assert.Equal(0, ingest.ExitCode);
        Assert.StartsWith("Ingested 6 items for user 'jack' (task lamp2)", ingest.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("extract-features", ingest.Stdout, StringComparison.Ordinal);
        Assert.Contains("construct-reasoning 6/6", ingest.StderrLines);
    }

    private static (string Stage, int Done, int Total) ParseLine(string line)
    {
        var match = ProgressLine().Match(line);
        Assert.True(match.Success, $"not a progress line: {line}");
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static string Movies(int count) => string.Join('\n', Enumerable.Range(1, count).Select(i =>
        JsonSerializer.Serialize(new { id = $"m{i}", query = $"Movie number {i}: a story about topic {i} and its people.", answer = Histories.Lamp2Labels[i % Histories.Lamp2Labels.Length] })));

    [GeneratedRegex(@"^(extract-features|cluster-factors|construct-reasoning) (\d+)/(\d+)$")]
    private static partial Regex ProgressLine();
}
