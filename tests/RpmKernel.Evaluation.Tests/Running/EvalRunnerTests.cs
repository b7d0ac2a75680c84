using System.Text.Json.Nodes;
using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Metrics;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;

namespace RpmKernel.Evaluation.Tests.Running;

public sealed class EvalRunnerTests
{
    [Fact]
    public async Task Every_method_answers_every_sampled_user_and_the_files_are_official_and_scored_consistently()
    {
        await using var host = await EvalTestHost.StartAsync();

        var report = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output));

        Assert.Equal(MethodCatalog.All, report.Methods.Select(m => m.Method));
        Assert.Equal((2, 2), (report.Users, report.Queries));
        var golds = await OfficialOutputsFile.ReadAsync(Path.Combine(host.Output, "golds.json"));
        Assert.Equal("LaMP_2", golds.Task);
        var profile = new TaskProfile { Name = "lamp2", Kind = TaskKind.Classification, Instruction = "tag", Labels = ["sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy", "classic", "psychology", "fantasy", "romance", "thought-provoking", "social commentary", "violence", "true story"] };
        foreach (var row in report.Methods)
        {
            Assert.True(row.Failed == 0, $"{row.Method}: {row.FirstError}");
            Assert.Equal(2, row.Predictions);
            Assert.True(row.Calls >= 2, $"{row.Method} made {row.Calls} calls");
            var predictions = await OfficialOutputsFile.ReadAsync(Path.Combine(host.Output, row.PredictionsFile));
            Assert.Equal(golds.Golds.Select(g => g.Id), predictions.Golds.Select(p => p.Id));
            Assert.All(predictions.Golds, p => Assert.Contains(p.Output, profile.Labels));
            var rescored = OutputsScorer.Score(profile, golds, predictions).Metrics.ToDictionary(m => m.Name, m => m.Value);
            Assert.Equal(rescored["accuracy"], row.Metrics["accuracy"], 10);
            Assert.Equal(rescored["f1"], row.Metrics["f1"], 10);
        }

        // The two users were ingested once, and every RPM method read that one ingest.
        Assert.Equal(2, File.ReadAllLines(Path.Combine(host.Output, "ingest.jsonl")).Count(l => l.Length > 0));
        Assert.Equal(2, report.Preprocessing.Users);
        Assert.True(report.Preprocessing.Calls > 0);
        Assert.Equal(10, host.Server.CountOf("target_features"));    // stage 6 for the 5 RPM methods × 2 users
        Assert.Equal(2, host.Server.CountOf("zero_shot"));
        Assert.Equal(4, host.Server.CountOf("rag"));                  // rag-bm25 and rag-embedding

        var markdown = await File.ReadAllTextAsync(Path.Combine(host.Output, "report.md"));
        Assert.Contains("| rpm-pairs-cot |", markdown, StringComparison.Ordinal);
        Assert.Contains("$0.058", markdown, StringComparison.Ordinal);
        Assert.Contains("$0.0037", markdown, StringComparison.Ordinal);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(host.Output, "report.json")))!;
        Assert.Equal(10, json["methods"]!.AsArray().Count);
        var png = await File.ReadAllBytesAsync(Path.Combine(host.Output, "chart.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
    }

    [Fact]
    public async Task A_rerun_into_the_same_folder_makes_no_new_model_calls()
    {
        await using var host = await EvalTestHost.StartAsync();
        var first = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.RagBm25, MethodCatalog.Rpm));
        var calls = host.Server.ChatRequests.Count;

        var progress = new List<EvalProgress>();
        var second = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.RagBm25, MethodCatalog.Rpm), new SyncProgress(progress));

        Assert.Equal(calls, host.Server.ChatRequests.Count);
        Assert.Equal(6, progress[^1].Skipped);
        Assert.Equal(0, progress[^1].Predictions);
        Assert.Equal(first.Methods.Select(m => (m.Predictions, m.Calls, m.InputTokens)), second.Methods.Select(m => (m.Predictions, m.Calls, m.InputTokens)));
        Assert.Equal(first.Preprocessing, second.Preprocessing);
    }

    [Fact]
    public async Task Adding_a_method_on_rerun_only_runs_that_method_and_reuses_the_ingest()
    {
        await using var host = await EvalTestHost.StartAsync();
        await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.Rpm));
        var ingestCalls = host.Server.CountOf("extracted_features");
        host.Server.ClearRequests();

        var report = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.Rpm, MethodCatalog.RpmFactors));

        Assert.Equal(0, host.Server.CountOf("zero_shot"));
        Assert.Equal(0, host.Server.CountOf("personalized_answer"));
        Assert.Equal(2, host.Server.CountOf("rpm_factors"));
        Assert.True(ingestCalls > 0);
        Assert.Equal(0, host.Server.ChatRequests.Count(r => r.SchemaName() is "extracted_features" or "user_factors" or "reasoning_paths"));
        Assert.All(report.Methods, m => Assert.Equal(2, m.Predictions));
    }

    [Fact]
    public async Task A_rerun_with_another_seed_into_the_same_folder_is_refused_before_any_call()
    {
        await using var host = await EvalTestHost.StartAsync();
        await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot));
        host.Server.ClearRequests();

        var error = await Assert.ThrowsAsync<Core.Errors.RpmInputException>(() =>
            EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot) with { Seed = 2 }));

        Assert.Contains("seed 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task Rag_bm25_puts_the_best_bm25_history_items_in_the_prompt()
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = Lamp2Run.Options(host.Output, MethodCatalog.RagBm25) with { Users = null, TopK = 1 };

        await EvalRunner.RunAsync(host.Options(), options);

        // With K = 1 exactly one history item of user 110 is in the prompt: the one BM25 ranks first.
        var request = host.Server.ChatRequests.Where(r => r.SchemaName() == "rag").Select(r => r.Body).First(b => b.Contains("weather", StringComparison.Ordinal));
        var user = (await LampDataset.ReadAsync("lamp2", Fixture.Path("lamp2_questions.json"), null).ToListAsync())[0];
        var best = new RpmKernel.Evaluation.Retrieval.Bm25Index(user.History.Select(h => h.Query).ToList()).Top(user.Targets[0].Query, 1).Single();
        Assert.Contains(Escape(user.History[best].Query), request, StringComparison.Ordinal);
        Assert.Single(user.History, h => request.Contains(Escape(h.Query), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Methods_that_rank_by_query_text_embed_each_target_query_once()
    {
        await using var host = await EvalTestHost.StartAsync();

        var report = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.RagEmbedding, MethodCatalog.RpmSurface));

        Assert.All(report.Methods, m => Assert.Equal(2, m.Predictions));
        var inputs = await LampQuestionsReader.ReadAsync(Fixture.Path("lamp2_questions.json")).ToDictionaryAsync(e => e.Id, e => e.Input);
        var embedded = host.Server.Requests.Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal))
            .Select(r => r.BodyAsJsonNode()!["input"]).OfType<JsonArray>().Where(a => a.Count == 1).Select(a => a[0]!.GetValue<string>()).ToList();
        var golds = await OfficialOutputsFile.ReadAsync(Path.Combine(host.Output, "golds.json"));
        Assert.All(golds.Golds, g => Assert.Single(embedded, text => text == inputs[g.Id]));
    }

    [Fact]
    public async Task GlobalOpinionQA_is_scored_by_accuracy_over_the_held_out_questions()
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = new EvalOptions
        {
            Task = "goqa",
            Questions = Fixture.Path("global_opinions.csv"),
            OutputDirectory = host.Output,
            Methods = [MethodCatalog.ZeroShot, MethodCatalog.RagEmbedding],
            Seed = 5,
        };

        var report = await EvalRunner.RunAsync(host.Options(), options);

        Assert.Equal(["accuracy"], report.MetricNames);
        Assert.Equal((3, 3), (report.Users, report.Queries));
        Assert.All(report.Methods, m => Assert.InRange(m.Metrics["accuracy"], 0, 1));
        var predictions = await OfficialOutputsFile.ReadAsync(Path.Combine(host.Output, "predictions", "zero-shot.json"));
        Assert.All(predictions.Golds, p => Assert.Contains(p.Output, new[] { "Yes", "No", "Don't know", "A lot", "Somewhat", "Not at all" }));
    }

    private static string Escape(string text) => JsonValue.Create(text).ToJsonString()[1..^1];

    private sealed class SyncProgress(List<EvalProgress> seen) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
