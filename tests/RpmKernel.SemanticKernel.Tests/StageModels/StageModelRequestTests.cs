using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.StageModels;

/// <summary>One model builds the memory and another serves it, over the in-process OpenAI-compatible server.</summary>
public sealed class StageModelRequestTests
{
    private const string Query = "A heist crew plans one last job.";

    [Fact]
    public async Task Each_stage_request_carries_its_own_model_and_its_usage_rows_and_user_model_name_it()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => (o.Chat.IngestModel, o.Chat.ServeModel) = ("builder-model", "server-model"));

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", Query);

        Assert.Empty(ingest.Failed);
        var expected = new Dictionary<string, string>
        {
            ["extracted_features"] = "builder-model",
            ["user_factors"] = "builder-model",
            ["reasoning_paths"] = "builder-model",
            ["target_features"] = "server-model",
            ["personalized_answer"] = "server-model",
        };
        Assert.Equal(expected.Keys.Order(), host.Server.ChatRequests.Select(r => r.SchemaName()!).Distinct().Order());
        Assert.All(host.Server.ChatRequests, r => Assert.Equal(expected[r.SchemaName()!], ModelOf(r)));
        var rows = await runtime.Storage.Usage.GetAsync("alice");
        Assert.All(rows, r => Assert.Equal(StageChatSettingsTests.IsIngest(r.Stage) ? "builder-model" : "server-model", r.Model));
        var built = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Equal(
            [(RpmStage.ClusterFactors, "builder-model"), (RpmStage.ConstructReasoning, "builder-model"), (RpmStage.ExtractFeatures, "builder-model")],
            built.Models.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, m.Value)));
        Assert.Equal("builder-model", built.Model);
    }

    [Fact]
    public async Task A_stage_setting_wins_over_the_shortcut_and_only_that_stage_changes_model()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Chat.ServeModel = "server-model";
            o.Chat.Stages[RpmStage.Generate] = new() { Model = "answer-model" };
        });

        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", Query);

        Assert.All(host.StageRequests("extracted_features"), r => Assert.Equal("gpt-4o-mini", ModelOf(r)));
        Assert.Equal("server-model", ModelOf(Assert.Single(host.StageRequests("target_features"))));
        Assert.Equal("answer-model", ModelOf(Assert.Single(host.StageRequests("personalized_answer"))));
        Assert.Equal(
            ["Rpm:Chat:Model", "Rpm:Chat:Model", "Rpm:Chat:Model", "Rpm:Chat:ServeModel", "Rpm:Chat:Stages:generate:Model"],
            runtime.StageModels.Select(m => m.Source));
    }

    [Fact]
    public async Task A_rerun_with_another_serve_model_reingests_nothing_and_the_cache_answers_only_the_same_model()
    {
        await using var host = await RpmTestHost.StartAsync();
        var history = SampleHistories.MovieTags(4);
        using (var first = host.Runtime(o => (o.Chat.IngestModel, o.Chat.ServeModel) = ("builder-model", "server-a")))
        {
            await first.Pipeline.IngestAsync("alice", "lamp2", history);
            await first.Pipeline.PersonalizeAsync("alice", "lamp2", Query);
            host.Server.ClearRequests();

            // The same request to the same model is the cache's.
            await first.Pipeline.PersonalizeAsync("alice", "lamp2", Query);
            Assert.Empty(host.Server.ChatRequests);
        }

        using var second = host.Runtime(o => (o.Chat.IngestModel, o.Chat.ServeModel) = ("builder-model", "server-b"));
        var rerun = await second.Pipeline.IngestAsync("alice", "lamp2", history);
        Assert.Equal((0, 4), (rerun.Items, rerun.Reused));
        Assert.Empty(host.Server.ChatRequests);

        // The same request to another model is not: the cache key includes the model.
        await second.Pipeline.PersonalizeAsync("alice", "lamp2", Query);
        Assert.Equal(["target_features", "personalized_answer"], host.Server.ChatRequests.Select(r => r.SchemaName()));
        Assert.All(host.Server.ChatRequests, r => Assert.Equal("server-b", ModelOf(r)));
    }

    [Fact]
    public async Task A_stage_with_its_own_endpoint_and_key_is_sent_to_that_server()
    {
        await using var host = await RpmTestHost.StartAsync();
        await using var local = await FakeOpenAIServer.StartAsync();
        using var runtime = host.Runtime(o => o.Chat.Stages[RpmStage.ConstructReasoning] = new()
        {
            Endpoint = local.Endpoint,
            ApiKey = "local-key",
            Model = "local-model",
            MaxConcurrency = 1,
        });

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));

        Assert.Empty(result.Failed);
        Assert.Equal(["reasoning_paths"], local.ChatRequests.Select(r => r.SchemaName()).Distinct());
        Assert.All(local.ChatRequests, r => Assert.Equal("Bearer local-key", r.Headers["Authorization"]));
        Assert.Empty(host.StageRequests("reasoning_paths"));
        Assert.NotEmpty(host.StageRequests("extracted_features"));
    }

    internal static string? ModelOf(RecordedRequest request) => request.BodyAsJsonNode()?["model"]?.GetValue<string>();
}
