using System.Text.Json.Nodes;
using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary>One model builds the memories and another serves them, from the command line.</summary>
public sealed class StageModelCommandTests
{
    private static readonly string[] IngestSchemas = ["extracted_features", "user_factors", "reasoning_paths"];

    [Fact]
    public async Task Eval_ingest_and_serve_models_reach_their_stages_and_the_report_names_and_prices_both()
    {
        await using var harness = await CliHarness.StartAsync();
        harness.Environment["Rpm__Pricing__Models__builder__InputPerMillion"] = "10";
        harness.Environment["Rpm__Pricing__Models__builder__OutputPerMillion"] = "10";
        var fixture = Path.Combine(RepositoryPaths.Root, "tests", "RpmKernel.Evaluation.Tests", "Fixtures");

        var result = await harness.RunAsync("eval", "--task", "lamp2", "--questions", Path.Combine(fixture, "lamp2_questions.json"),
            "--methods", "zero-shot,rpm", "--users", "1", "--out", harness.Directory.File("eval"),
            "--ingest-model", "builder", "--serve-model", "gpt-4o-mini", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(harness.Server.ChatRequests, r => Assert.Equal(IngestSchemas.Contains(r.SchemaName()) ? "builder" : "gpt-4o-mini", ModelOf(r)));
        Assert.Contains(harness.Server.ChatRequests, r => ModelOf(r) == "builder");
        Assert.Equal("builder (ingest), gpt-4o-mini (serve)", (string)result.Json["model"]!);
        Assert.Equal(("builder", "gpt-4o-mini"), ((string)result.Json["ingestModel"]!, (string)result.Json["serveModel"]!));
        var rpm = result.Json["methods"]!.AsArray().Single(m => (string)m!["method"]! == "rpm")!;
        var pre = result.Json["preprocessing"]!;

        // Preprocessing at the builder's $10/M both ways, per user (one user).
        var expected = ((long)pre["inputTokens"]! + (long)pre["outputTokens"]!) * 10 / 1_000_000.0;
        Assert.Equal(expected, (double)rpm["costPerUserUsd"]!, 9);
    }

    [Fact]
    public async Task A_rerun_with_another_serve_model_into_the_same_folder_is_refused_before_any_call_instead_of_reusing_the_old_answers()
    {
        await using var harness = await CliHarness.StartAsync();
        var fixture = Path.Combine(RepositoryPaths.Root, "tests", "RpmKernel.Evaluation.Tests", "Fixtures");
        string[] Eval(string serve) => ["eval", "--task", "lamp2", "--questions", Path.Combine(fixture, "lamp2_questions.json"),
            "--methods", "zero-shot", "--users", "1", "--out", harness.Directory.File("eval"), "--serve-model", serve];

        var first = await harness.RunAsync(Eval("gpt-4o-mini"));
        var calls = harness.Server.ChatRequests.Count;
        var same = await harness.RunAsync(Eval("gpt-4o-mini"));
        var other = await harness.RunAsync(Eval("llama3.1"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("answered by other models", other.Stderr, StringComparison.Ordinal);
        Assert.Contains("generate=llama3.1", other.Stderr, StringComparison.Ordinal);
        Assert.Equal(calls, harness.Server.ChatRequests.Count);
    }

    [Fact]
    public async Task A_blank_serve_model_is_an_input_error_naming_the_option()
    {
        await using var harness = await CliHarness.StartAsync();

        var result = await harness.RunAsync("eval", "--task", "lamp2", "--questions", "q.json", "--serve-model", " ");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--serve-model is empty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_shows_the_model_of_each_building_stage_and_the_models_the_stages_use_now()
    {
        await using var harness = await CliHarness.StartAsync();
        harness.Environment["Rpm__Chat__IngestModel"] = "builder";
        var history = harness.Directory.File("history.jsonl");
        await File.WriteAllTextAsync(history, Histories.SixMovies);
        var ingest = await harness.RunAsync("ingest", "--user", "ann", "--task", "lamp2", "--history", history);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        harness.Environment["Rpm__Chat__Stages__generate__Model"] = "answerer";

        var explain = await harness.RunAsync("explain", "--user", "ann", "--task", "lamp2");
        var json = await harness.RunAsync("explain", "--user", "ann", "--task", "lamp2", "--json");

        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("Built by stage: extract-features builder, cluster-factors builder, construct-reasoning builder", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "Stage models now: extract-features builder (Rpm:Chat:IngestModel), cluster-factors builder (Rpm:Chat:IngestModel), construct-reasoning builder (Rpm:Chat:IngestModel), extract-target-features gpt-4o-mini (Rpm:Chat:Model), generate answerer (Rpm:Chat:Stages:generate:Model)",
            explain.Stdout,
            StringComparison.Ordinal);
        Assert.Equal("builder", (string)json.Json["models"]!["construct-reasoning"]!);
    }

    [Fact]
    public async Task Personalize_warns_once_on_stderr_about_another_model_family_only_when_asked()
    {
        await using var harness = await CliHarness.StartAsync();
        harness.Environment["Rpm__Chat__IngestModel"] = "llama3.1:8b";
        var history = harness.Directory.File("history.jsonl");
        await File.WriteAllTextAsync(history, Histories.SixMovies);
        Assert.Equal(0, (await harness.RunAsync("ingest", "--user", "ann", "--task", "lamp2", "--history", history)).ExitCode);
        string[] personalize = ["personalize", "--user", "ann", "--task", "lamp2", "--query", "A heist crew plans one last job."];

        var quiet = await harness.RunAsync(personalize);
        harness.Environment["Rpm__Chat__WarnOnModelFamilyChange"] = "true";
        var warned = await harness.RunAsync(personalize);

        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain("another family", quiet.Stderr, StringComparison.Ordinal);
        Assert.True(warned.ExitCode == 0, warned.ToString());
        var line = Assert.Single(warned.StderrLines, l => l.Contains("another family", StringComparison.Ordinal));
        Assert.StartsWith("warning: The memory of user 'ann' for task lamp2 was built by llama3.1:8b but is served by gpt-4o-mini", line, StringComparison.Ordinal);
    }

    private static string? ModelOf(RecordedRequest request) => JsonNode.Parse(request.Body)?["model"]?.GetValue<string>();
}
