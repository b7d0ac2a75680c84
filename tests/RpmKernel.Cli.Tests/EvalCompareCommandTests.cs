using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk eval --compare</c> and <c>--gate</c>, and <c>rpmk prompts show/diff</c> of baseline prompts.</summary>
public sealed class EvalCompareCommandTests
{
    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "RpmKernel.Evaluation.Tests", "Fixtures", name);

    private static string[] Lamp2(string output, params string[] more) =>
        ["eval", "--task", "lamp2", "--questions", Fixture("lamp2_questions.json"), "--outputs", Fixture("lamp2_outputs.json"), "--out", output, .. more];

    [Fact]
    public async Task Compare_without_methods_runs_only_rpm_and_prints_the_comparison()
    {
        await using var harness = await CliHarness.StartAsync();

        var result = await harness.RunAsync(Lamp2(harness.Directory.File("eval"), "--users", "2", "--compare", "generate=v1,v2", "--resamples", "200", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["rpm"], result.Json["methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        var comparison = Assert.Single(result.Json["comparison"]!.AsArray())!;
        Assert.Equal("generate", comparison["stage"]!.GetValue<string>());
        Assert.DoesNotContain(harness.Server.ChatRequests, r => r.SchemaName() == "zero_shot");
    }

    [Fact]
    public async Task A_bad_compare_is_a_usage_error_before_any_model_call()
    {
        await using var harness = await CliHarness.StartAsync();

        var result = await harness.RunAsync(Lamp2(harness.Directory.File("eval"), "--compare", "generate=v1,v9"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no version 'v9'", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(harness.Server.ChatRequests);
    }

    [Fact]
    public async Task A_regression_beyond_the_allowed_drop_exits_3_naming_the_metric_and_the_drop()
    {
        await using var harness = await CliHarness.StartAsync();
        var baseline = harness.Directory.File("baseline");
        var first = await harness.RunAsync(Lamp2(baseline, "--methods", "zero-shot"));
        Assert.True(first.ExitCode == 0, first.ToString());

        // The baseline answered every query right; this run answers every one wrong.
        File.Copy(Path.Combine(baseline, "golds.json"), Path.Combine(baseline, "predictions", "zero-shot.json"), overwrite: true);
        harness.Server.Respond(r => r.SchemaName() == "zero_shot" ? """{"answer": "comedy"}""" : null);
        string[] gated = [.. Lamp2(harness.Directory.File("change"), "--methods", "zero-shot", "--gate", Path.Combine(baseline, "report.json"), "--max-drop", "accuracy=0.02")];

        var result = await harness.RunAsync(gated);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("gate failed: zero-shot accuracy dropped by 1.0000", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("allowed 0.0200", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("## Gate: FAILED", await File.ReadAllTextAsync(Path.Combine(harness.Directory.File("change"), "report.md")), StringComparison.Ordinal);

        // Against its own report the same run passes.
        var again = await harness.RunAsync([.. Lamp2(harness.Directory.File("change"), "--methods", "zero-shot", "--gate", Path.Combine(harness.Directory.File("change"), "report.json"), "--max-drop", "accuracy=0")]);
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    [Fact]
    public async Task Prompts_show_and_diff_cover_the_baseline_prompts()
    {
        await using var harness = await CliHarness.StartAsync();

        var show = await harness.RunAsync("prompts", "show", "rag", "--version", "v1");
        var diff = await harness.RunAsync("prompts", "diff", "zero-shot", "v1", "v1");
        var list = await harness.RunAsync("prompts", "list", "--json");
        var unknown = await harness.RunAsync("prompts", "show", "summarize");

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith("# rag v1 from ", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("name: rag", show.Stdout, StringComparison.Ordinal);
        Assert.Equal("zero-shot v1 and v1 are identical.", diff.Stdout.Trim());
        Assert.Contains(list.Json["baselines"]!.AsArray(), b => b!["name"]!.GetValue<string>() == "rpm-pairs-cot");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("baseline prompts", unknown.Stderr, StringComparison.Ordinal);
    }
}
