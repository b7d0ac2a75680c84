using System.Globalization;
using System.Text.RegularExpressions;
using RpmKernel.Samples.InlinePersonalize;
using RpmKernel.Samples.Tests.Support;

namespace RpmKernel.Samples.Tests;

public sealed partial class InlinePersonalizeTests
{
    private const string Query = "A hacker exposes the surveillance council that rations water in her walled desert city.";

    [Fact]
    public async Task Prints_the_answer_with_the_provenance_that_was_sent_to_the_model()
    {
        await using var host = await SampleHost.StartAsync();

        var (exitCode, text) = await SampleOutput.RunAsync(InlinePersonalizeSample.RunAsync, host.Configuration(("Query", Query)));

        Assert.Equal(0, exitCode);

        // The demo user was ingested (12 items in batches of 8), then the query went through stages 6 and 8.
        Assert.Equal(2, host.StageRequests("extracted_features").Count);
        Assert.Contains(Query, host.StageRequests("target_features").Single().Body, StringComparison.Ordinal);
        var generate = host.StageRequests("personalized_answer").Single().Body;
        Assert.Contains(Query, generate, StringComparison.Ordinal);

        var answer = SampleOutput.Lines(text, "Answer:").Single()["Answer:".Length..].Trim();
        Assert.Contains(answer, DemoLabels());

        // Every retrieved item printed is a demo history item whose text was given to the model as an example.
        var history = DemoUser.LoadHistory().ToDictionary(h => h.Id);
        var retrieved = RetrievedLine().Matches(text).Select(m => (Id: m.Groups["id"].Value, Score: double.Parse(m.Groups["score"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(4, retrieved.Count);
        Assert.All(retrieved, r => Assert.Contains(System.Text.Json.JsonEncodedText.Encode(history[r.Id].Query, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), generate, StringComparison.Ordinal));
        Assert.Equal(retrieved.OrderByDescending(r => r.Score).Select(r => r.Id), retrieved.Select(r => r.Id));

        Assert.NotEmpty(FactorLine().Matches(text));
        Assert.Contains("Prompt versions: cluster-factors=v1, construct-reasoning=v1, extract-features=v1, extract-target-features=v1, generate=v1", text, StringComparison.Ordinal);
        var tokens = TokensLine().Match(text);
        Assert.Equal("2", tokens.Groups["calls"].Value);
        Assert.True(long.Parse(tokens.Groups["input"].Value, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_rerun_reuses_the_stored_user_and_shows_the_newly_selected_prompt_version()
    {
        await using var host = await SampleHost.StartAsync();
        Assert.Equal(0, (await SampleOutput.RunAsync(InlinePersonalizeSample.RunAsync, host.Configuration())).ExitCode);
        host.Server.ClearRequests();

        var (exitCode, text) = await SampleOutput.RunAsync(
            InlinePersonalizeSample.RunAsync, host.Configuration(("Rpm:Prompts:Versions:generate", "v2")));

        Assert.Equal(0, exitCode);
        Assert.Contains("skipping ingest", text, StringComparison.Ordinal);
        Assert.Empty(host.StageRequests("extracted_features"));
        Assert.Contains(DemoUser.DefaultQuery, host.StageRequests("personalized_answer").Single().Body, StringComparison.Ordinal);
        Assert.Contains("Weigh the evidence", host.StageRequests("personalized_answer").Single().Body, StringComparison.Ordinal);
        Assert.Contains("extract-features=v1, extract-target-features=v1, generate=v2", text, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> DemoLabels() =>
        SemanticKernel.Prompts.PromptLibrary.Load(new SemanticKernel.Options.RpmPromptOptions()).GetTask(DemoUser.Task).Labels;

    [GeneratedRegex(@"^  - (?<id>demo-\d+)  score (?<score>-?[0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RetrievedLine();

    [GeneratedRegex(@"^  - .+: evidence \d+ items, coverage [0-9.]+", RegexOptions.Multiline)]
    private static partial Regex FactorLine();

    [GeneratedRegex(@"Tokens: (?<calls>\d+) calls, (?<input>\d+) input, (?<output>\d+) output")]
    private static partial Regex TokensLine();
}
