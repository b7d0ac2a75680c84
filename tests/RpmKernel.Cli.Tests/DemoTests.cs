using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk demo</c> with the default local (MiniLM) embeddings.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_ingests_the_sample_user_and_prints_an_answer()
    {
        await using var cli = await CliHarness.StartAsync(localEmbeddings: true);

        var demo = await cli.RunAsync("demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.StartsWith("Ingesting 12 movies tagged by the sample user 'demo' (task lamp2)...", demo.Stdout, StringComparison.Ordinal);
        var answerLine = demo.Stdout.Split('\n').Single(l => l.StartsWith("Answer: ", StringComparison.Ordinal));
        Assert.Contains(answerLine["Answer: ".Length..].Trim(), Histories.Lamp2Labels);
        Assert.Contains("Reasoning:", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("(similarity ", demo.Stdout, StringComparison.Ordinal);

        // samples/data/demo-user.jsonl holds 12 items, stored under user "demo".
        var explain = await cli.RunAsync("explain", "--user", "demo", "--task", "lamp2", "--json");
        Assert.Equal(12, (int)explain.Json["itemCount"]!);
    }

    [Fact]
    public async Task Demo_with_json_prints_the_ingest_summary_and_the_answer()
    {
        await using var cli = await CliHarness.StartAsync();

        var demo = await cli.RunAsync("demo", "--json");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Equal(["ingest", "query", "personalized"], demo.Json.Select(p => p.Key));
        Assert.Equal(12, (int)demo.Json["ingest"]!["items"]!);
        Assert.Contains((string)demo.Json["personalized"]!["answer"]!, Histories.Lamp2Labels);
    }
}
