using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

public sealed class EvalCommandTests
{
    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "RpmKernel.Evaluation.Tests", "Fixtures", name);

    [Fact]
    public async Task Eval_writes_predictions_and_a_report_and_a_rerun_resumes_without_calls()
    {
        await using var harness = await CliHarness.StartAsync();
        var output = harness.Directory.File("eval");
        string[] args = ["eval", "--task", "lamp2", "--questions", Fixture("lamp2_questions.json"), "--outputs", Fixture("lamp2_outputs.json"),
            "--methods", "zero-shot,rag-bm25,rpm", "--users", "2", "--seed", "3", "--out", output, "--json"];

        var first = await harness.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        var methods = first.Json["methods"]!.AsArray();
        Assert.Equal(["zero-shot", "rag-bm25", "rpm"], methods.Select(m => m!["method"]!.GetValue<string>()));
        Assert.All(methods, m => Assert.Equal(2, m!["predictions"]!.GetValue<int>()));
        Assert.All(methods, m => Assert.InRange(m!["metrics"]!["accuracy"]!.GetValue<double>(), 0, 1));
        // Redirected progress: a line from inside a user (its ingest, or a baseline answering beside it), the start
        // of the scoring, and the totals last.
        Assert.Matches(@"; user \S+: (extract-features|zero-shot|rag-bm25) ", first.StderrLines[0]);
        Assert.Contains(first.StderrLines, l => l.EndsWith("; scoring zero-shot (1/3)", StringComparison.Ordinal));
        Assert.Equal("eval: 2/2 users, 6 predictions, 0 failed, 0 already done", first.StderrLines[^1]);
        Assert.True(File.Exists(Path.Combine(output, "predictions", "rpm.json")));
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        var calls = harness.Server.ChatRequests.Count;

        var second = await harness.RunAsync(args);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(calls, harness.Server.ChatRequests.Count);
        Assert.Contains(second.StderrLines, l => l.EndsWith("6 already done", StringComparison.Ordinal));

        var score = await harness.RunAsync("score", "--task", "lamp2", "--golds", Path.Combine(output, "golds.json"), "--predictions", Path.Combine(output, "predictions", "rpm.json"), "--json");
        Assert.Equal(methods[2]!["metrics"]!["accuracy"]!.GetValue<double>(), score.Json["metrics"]!["accuracy"]!.GetValue<double>(), 10);
    }

    [Fact]
    public async Task The_global_prompt_option_selects_the_versions_eval_runs_and_reports()
    {
        await using var harness = await CliHarness.StartAsync();

        var result = await harness.RunAsync("eval", "--task", "lamp2", "--questions", Fixture("lamp2_questions.json"), "--outputs", Fixture("lamp2_outputs.json"),
            "--methods", "rpm", "--users", "1", "--out", harness.Directory.File("eval"), "--prompt", "generate=v2", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var prompts = result.Json["methods"]![0]!["prompts"]!.AsArray().Select(p => p!.GetValue<string>());
        Assert.Contains("generate/v2", prompts);
    }

    [Fact]
    public async Task Text_output_is_the_markdown_report()
    {
        await using var harness = await CliHarness.StartAsync();

        var result = await harness.RunAsync("eval", "--task", "goqa", "--questions", Fixture("global_opinions.csv"), "--methods", "zero-shot", "--out", harness.Directory.File("eval"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| zero-shot |", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("accuracy", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_method_is_exit_2_listing_the_methods()
    {
        await using var harness = await CliHarness.StartAsync();

        var result = await harness.RunAsync("eval", "--task", "lamp2", "--questions", Fixture("lamp2_questions.json"), "--methods", "zero-shot,telepathy", "--out", harness.Directory.File("eval"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("telepathy", line, StringComparison.Ordinal);
        Assert.Contains("rpm-surface", line, StringComparison.Ordinal);
        Assert.Empty(harness.Server.ChatRequests);
    }

    [Fact]
    public async Task A_malformed_questions_file_is_exit_2_naming_the_file_and_path()
    {
        await using var harness = await CliHarness.StartAsync();
        var questions = harness.WriteFile("bad_questions.json", """[{"id": "u1", "profile": []}]""");

        var result = await harness.RunAsync("eval", "--task", "lamp2", "--questions", questions, "--methods", "zero-shot", "--out", harness.Directory.File("eval"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(questions, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("$[0].input", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_predictions_give_exit_1_after_the_report_is_written()
    {
        await using var harness = await CliHarness.StartAsync();
        harness.Server.Respond(r => r.Body.Contains("\"zero_shot\"", StringComparison.Ordinal) ? """{"answer": "not a tag"}""" : null);
        var output = harness.Directory.File("eval");

        var result = await harness.RunAsync("eval", "--task", "lamp2", "--questions", Fixture("lamp2_questions.json"), "--outputs", Fixture("lamp2_outputs.json"),
            "--methods", "zero-shot", "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.StartsWith("error: 3 prediction(s) failed (zero-shot: 3)", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
    }
}
