using System.Text.Json.Nodes;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Comparing;

public sealed class CompareRunnerTests
{
    private static readonly string[] s_ingestSchemas = ["extracted_features", "user_factors", "reasoning_paths"];

    private static int IngestCalls(FakeOpenAIServer server) => server.ChatRequests.Count(r => s_ingestSchemas.Contains(r.SchemaName()));

    [Fact]
    public async Task Varying_generate_reuses_one_ingest_per_user_and_writes_the_comparison_contract()
    {
        await using var host = await EvalTestHost.StartAsync();
        await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Directory.File("single"), MethodCatalog.Rpm));
        var singleIngest = IngestCalls(host.Server);
        var singleAnswers = host.Server.CountOf("personalized_answer");
        host.Server.ClearRequests();

        var report = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.Rpm) with { Compare = ["generate=v1,v2"], Resamples = 500 });

        Assert.True(singleIngest > 0);
        Assert.Equal(singleIngest, IngestCalls(host.Server));            // zero extra ingest calls for the second variant
        Assert.Equal(2 * singleAnswers, host.Server.ChatRequests.Count(r => r.SchemaName() == "personalized_answer"));
        Assert.Single(Directory.GetDirectories(Path.Combine(host.Output, "ingest")));
        Assert.Equal(["generate=v1", "generate=v2"], report.Variants!.Select(v => v.Name));
        Assert.Single(report.Variants!.Select(v => v.IngestStore).Distinct());

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(host.Output, "report.json")))!;
        var comparison = Assert.Single(json["comparison"]!.AsArray())!.AsObject();
        Assert.Equal(["stage", "a", "b", "method", "metrics", "users", "cost"], comparison.Select(p => p.Key));
        Assert.Equal(("generate", "v1", "v2", "rpm"), (comparison["stage"]!.GetValue<string>(), comparison["a"]!.GetValue<string>(), comparison["b"]!.GetValue<string>(), comparison["method"]!.GetValue<string>()));
        var metrics = comparison["metrics"]!.AsArray();
        Assert.Equal(["accuracy", "f1"], metrics.Select(m => m!["name"]!.GetValue<string>()));
        foreach (var metric in metrics.Select(m => m!.AsObject()))
        {
            Assert.Equal(["name", "a", "b", "delta", "ci95", "p"], metric.Select(p => p.Key));
            var (a, b, delta) = (metric["a"]!.GetValue<double>(), metric["b"]!.GetValue<double>(), metric["delta"]!.GetValue<double>());
            Assert.Equal(b - a, delta, 12);
            var ci = metric["ci95"]!.AsArray().Select(x => x!.GetValue<double>()).ToList();
            Assert.Equal(2, ci.Count);
            Assert.InRange(delta, ci[0], ci[1]);
            Assert.InRange(metric["p"]!.GetValue<double>(), 0, 1);
        }

        var rows = report.Variants!.Select(v => v.Methods.Single()).ToList();
        Assert.Equal(rows[0].Metrics["accuracy"], metrics[0]!["a"]!.GetValue<double>(), 12);
        Assert.Equal(rows[1].Metrics["accuracy"], metrics[0]!["b"]!.GetValue<double>(), 12);
        var users = comparison["users"]!;
        Assert.Equal(2, users["wins"]!.GetValue<int>() + users["losses"]!.GetValue<int>() + users["ties"]!.GetValue<int>());
        Assert.Equal(["a", "b"], comparison["cost"]!.AsObject().Select(p => p.Key));
        Assert.Equal(comparison["cost"]!["a"]!["tokensPerUser"]!.GetValue<double>(), comparison["cost"]!["b"]!["tokensPerUser"]!.GetValue<double>());
        Assert.True(comparison["cost"]!["b"]!["tokensPerQuery"]!.GetValue<double>() > 0);

        var markdown = await File.ReadAllTextAsync(Path.Combine(host.Output, "report.md"));
        Assert.Contains("## Comparison", markdown, StringComparison.Ordinal);
        Assert.Contains("### `generate` v1 → v2, method rpm", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(host.Output, "comparison.png")));
        Assert.True(File.Exists(Path.Combine(host.Output, "variants", "generate=v2", "report.json")));

        // The journals make a rerun free.
        host.Server.ClearRequests();
        await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.Rpm) with { Compare = ["generate=v1,v2"], Resamples = 500 });
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task With_the_ingest_model_pinned_two_chat_models_share_one_ingest_and_each_serves_its_own_answers()
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = host.Options();
        options.Chat.IngestModel = "builder";

        var report = await EvalRunner.RunAsync(options, Lamp2Run.Options(host.Output, MethodCatalog.Rpm) with { CompareModels = ["gpt-4o-mini,llama3.1"], Resamples = 200 });

        static string ModelOf(RecordedRequest r) => r.BodyAsJsonNode()!["model"]!.GetValue<string>();
        Assert.Single(Directory.GetDirectories(Path.Combine(host.Output, "ingest")));
        Assert.Single(report.Variants!.Select(v => v.IngestStore).Distinct());
        var ingest = host.Server.ChatRequests.Where(r => s_ingestSchemas.Contains(r.SchemaName())).ToList();
        Assert.NotEmpty(ingest);
        Assert.All(ingest, r => Assert.Equal("builder", ModelOf(r)));
        var answers = host.Server.ChatRequests.Where(r => r.SchemaName() == "personalized_answer").GroupBy(ModelOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["gpt-4o-mini", "llama3.1"], answers.Keys.Order());
        Assert.Equal(answers["gpt-4o-mini"], answers["llama3.1"]);
    }

    [Fact]
    public async Task Varying_feature_extraction_ingests_each_variant_into_its_own_store()
    {
        await using var host = await EvalTestHost.StartAsync();

        var report = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Output, MethodCatalog.Rpm) with { Compare = ["extract-features=v1,v2"], Resamples = 200 });

        Assert.Equal(2, report.Variants!.Select(v => v.IngestStore).Distinct().Count());
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(host.Output, "ingest")).Length);
        Assert.All(report.Variants!, v => Assert.Equal(2, v.Preprocessing.Users));
        Assert.All(Directory.GetDirectories(Path.Combine(host.Output, "ingest")),
            store => Assert.Equal(2, File.ReadAllLines(Path.Combine(store, "ingest.jsonl")).Count(l => l.Length > 0)));
        Assert.Equal("extract-features", Assert.Single(report.Comparison!).Stage);
    }
}
