using System.Globalization;
using System.Text.RegularExpressions;
using RpmKernel.Samples.PromptIteration;
using RpmKernel.Samples.Tests.Support;
using Xunit.Abstractions;

namespace RpmKernel.Samples.Tests;

public sealed partial class PromptIterationTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Runs_v1_and_v2_of_extract_features_and_prints_tokens_of_both_and_the_items_that_changed()
    {
        await using var host = await SampleHost.StartAsync();

        var (exitCode, text) = await SampleOutput.RunAsync(PromptIterationSample.RunAsync, host.Configuration());
        log.WriteLine(text);

        Assert.Equal(0, exitCode);

        // 12 items in batches of 8: two calls per version, and only v2's ask for a salience.
        var requests = host.StageRequests("extracted_features");
        Assert.Equal(4, requests.Count);
        Assert.Equal(2, requests.Count(r => r.Body.Contains("\"salience\"", StringComparison.Ordinal)));
        Assert.Equal(2, requests.Count(r => r.Body.Contains("most decisive first", StringComparison.Ordinal)));

        var rows = Row().Matches(text).ToDictionary(m => m.Groups["version"].Value);
        Assert.Equal(["v1", "v2"], rows.Keys.Order());
        foreach (var row in rows.Values)
        {
            Assert.Equal("2", row.Groups["calls"].Value);
            Assert.True(Number(row, "input") > 0 && Number(row, "output") > 0);
            Assert.True(Number(row, "features") >= 12);
        }

        // v2's system prompt is longer, so the same items cost more input tokens.
        Assert.True(Number(rows["v2"], "input") > Number(rows["v1"], "input"));

        var changed = int.Parse(Changed().Match(text).Groups["count"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(changed, 1, 12);
        var v1Lines = SampleOutput.Lines(text, "v1: ");
        var v2Lines = SampleOutput.Lines(text, "v2: ");
        Assert.Equal(changed, v1Lines.Count);
        Assert.All(v1Lines.Zip(v2Lines), pair => Assert.NotEqual(pair.First[4..], pair.Second[4..]));
    }

    [Fact]
    public async Task Comparing_a_version_with_itself_shows_no_differing_item()
    {
        await using var host = await SampleHost.StartAsync();

        var (exitCode, text) = await SampleOutput.RunAsync(
            PromptIterationSample.RunAsync, host.Configuration((PromptIterationSample.CandidateKey, "v1")));

        Assert.Equal(0, exitCode);
        Assert.Contains("items whose features differ: 0 of 12", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_version_is_refused_with_exit_2_listing_the_versions_present()
    {
        await using var host = await SampleHost.StartAsync();

        var (exitCode, text) = await SampleOutput.RunAsync(
            PromptIterationSample.RunAsync, host.Configuration((PromptIterationSample.CandidateKey, "v9")));

        Assert.Equal(2, exitCode);
        Assert.Contains("no version 'v9'", text, StringComparison.Ordinal);
        Assert.Contains("versions present: v1, v2", text, StringComparison.Ordinal);
    }

    private static long Number(Match row, string group) => long.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<version>v\d+)\s+(?<calls>\d+)\s+(?<input>\d+)\s+(?<output>\d+)\s+(?<features>\d+)\s+[0-9.]+\s+\d+\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"items whose features differ: (?<count>\d+) of 12")]
    private static partial Regex Changed();
}
