using System.Text.Json.Nodes;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class RpmPipelineTests
{
    [Fact]
    public async Task Ingest_then_personalize_runs_every_stage_and_answers_with_a_task_label()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 4);
        var history = SampleHistories.MovieTags(10);

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal(10, ingest.Items);
        Assert.Empty(ingest.Failed);
        var extraction = host.StageRequests("extracted_features");
        Assert.Equal(3, extraction.Count);
        Assert.Equal(
            [4, 4, 2],
            extraction.Select(r => ItemsSchema(r)["required"]!.AsArray().Count).OrderByDescending(n => n).ToArray());
        Assert.Contains(extraction, r => r.BodyAsJsonNode()!["messages"]![1]!["content"]!.ToJsonString().Contains("under its key (i1, i2, i3, i4).", StringComparison.Ordinal));
        Assert.Single(host.StageRequests("user_factors"));
        Assert.Equal(3, host.StageRequests("reasoning_paths").Count);
        Assert.Equal(7, ingest.Usage.Calls);
        Assert.True(ingest.Usage.InputTokens > 0 && ingest.Usage.OutputTokens > 0);

        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Equal(10, model.ItemCount);
        Assert.NotEmpty(model.Factors);
        Assert.All(model.Factors, f => Assert.InRange(f.Evidence, 0, 10));
        Assert.All(RpmStage.All.Take(3), stage => Assert.Equal("v1", model.PromptVersions[stage]));

        host.Server.ClearRequests();
        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A rebel fights a surveillance state in a ruined city.");

        var labels = runtime.Pipeline.GetTask("lamp2").Labels;
        Assert.Contains(answer.Answer, labels);
        Assert.False(string.IsNullOrWhiteSpace(answer.Reasoning));
        Assert.Equal(4, answer.Examples.Count);
        Assert.All(answer.Examples, e => Assert.Contains(e.ItemId, history.Select(h => h.Id)));
        Assert.Equal(answer.Examples.OrderByDescending(e => e.Score).Select(e => e.ItemId), answer.Examples.Select(e => e.ItemId));
        Assert.Equal(2, answer.Usage.Calls);
        Assert.Equal(RpmStage.All.Order(), answer.PromptVersions.Keys.Order());
        Assert.Equal(model.Factors.Select(f => f.Name), answer.Factors.Select(f => f.Name));

        // The generation schema only admits the task's labels.
        var answerSchema = host.StageRequests("personalized_answer").Single().SchemaProperty("answer");
        Assert.Equal(labels, answerSchema["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(8, 2)]
    public async Task Batch_size_sets_the_number_of_extraction_and_reasoning_calls(int batchSize, int expectedCalls)
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = batchSize);

        await runtime.Pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(10));

        Assert.Equal(expectedCalls, host.StageRequests("extracted_features").Count);
        Assert.Equal(expectedCalls, host.StageRequests("reasoning_paths").Count);
    }

    [Fact]
    public async Task Rating_answers_are_restricted_to_the_score_range_and_parsed_as_integers()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        HistoryItem[] history =
        [
            new("r1", "Battery died after two days, very disappointed.", "1"),
            new("r2", "Works as described, fast shipping.", "4"),
            new("r3", "Absolutely love it, best purchase this year.", "5"),
        ];
        await runtime.Pipeline.IngestAsync("carol", "lamp3", history);

        var answer = await runtime.Pipeline.PersonalizeAsync("carol", "lamp3", "The strap broke but support replaced it quickly.");

        Assert.Contains(answer.Answer, new[] { "1", "2", "3", "4", "5" });
        var schema = host.StageRequests("personalized_answer").Single().SchemaProperty("answer");
        Assert.Equal("integer", schema["type"]!.GetValue<string>());
        Assert.Equal([1, 2, 3, 4, 5], schema["enum"]!.AsArray().Select(v => v!.GetValue<int>()));
        var model = await runtime.Pipeline.ExplainAsync("carol", "lamp3");
        Assert.All(model.Factors.Where(f => f.Evidence > 0), f => Assert.NotNull(f.MeanScore));
    }

    [Fact]
    public async Task Opinion_answers_are_restricted_to_the_options_listed_in_the_query()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        const string Options = "\nOptions:\nA. Very important\nB. Somewhat important\nC. Not important";
        HistoryItem[] history =
        [
            new("q1", "How important is religion in your life?" + Options, "Very important"),
            new("q2", "How important is it to have free elections?" + Options, "Somewhat important"),
        ];
        await runtime.Pipeline.IngestAsync("country-x", "goqa", history);

        var answer = await runtime.Pipeline.PersonalizeAsync("country-x", "goqa", "How important is a free press?\nOptions:\n(A) Essential\n(B) Optional");

        Assert.Contains(answer.Answer, new[] { "Essential", "Optional" });
        var schema = host.StageRequests("personalized_answer").Single().SchemaProperty("answer");
        Assert.Equal(["Essential", "Optional"], schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task Records_and_models_of_one_user_never_reach_another()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        var other = SampleHistories.MovieTags(6).Select(h => h with { Id = "other-" + h.Id }).ToList();
        await runtime.Pipeline.IngestAsync("mallory", "lamp2", other);

        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", SampleHistories.MovieTags(1)[0].Query);

        Assert.NotEmpty(answer.Examples);
        Assert.All(answer.Examples, e => Assert.StartsWith("m", e.ItemId, StringComparison.Ordinal));
        await Assert.ThrowsAsync<Core.Errors.RpmNotFoundException>(() => runtime.Pipeline.ExplainAsync("nobody", "lamp2"));
    }

    [Fact]
    public async Task Forget_removes_one_user_and_leaves_the_others()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        await runtime.Pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(3));

        var receipt = await runtime.Pipeline.ForgetAsync("alice");

        Assert.Equal(4, receipt.Records);
        Assert.Equal(1, receipt.Models);
        await Assert.ThrowsAsync<Core.Errors.RpmNotFoundException>(() => runtime.Pipeline.ExplainAsync("alice", "lamp2"));
        Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("bob", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task A_history_the_task_does_not_accept_is_refused_before_any_model_call()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        HistoryItem[] history = [new("m1", "A space opera.", "sci-fi"), new("m2", "A heist gone wrong.", "heist")];

        var error = await Assert.ThrowsAsync<Core.Errors.RpmInputException>(() => runtime.Pipeline.IngestAsync("dan", "lamp2", history));

        Assert.Contains("'m2'", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task Retrieval_embeds_the_feature_text_of_the_query_not_the_query_itself()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        var factor = (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).Factors[0].Name;
        host.Server.Respond(request => request.Body.Contains("\"target_features\"", StringComparison.Ordinal)
            ? new JsonObject
            {
                ["features"] = new JsonArray(
                    new JsonObject { ["name"] = "surveillance state", ["context"] = "watched by drones", ["factor"] = factor },
                    new JsonObject { ["name"] = "rebellion", ["context"] = "a clerk fights back", ["factor"] = "other" }),
            }.ToJsonString()
            : null);
        host.Server.ClearRequests();

        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "Citizens are watched by drones until a clerk fights back.");

        var embedded = host.Server.Requests.Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal))
            .Select(r => r.BodyAsJsonNode()!["input"]!)
            .SelectMany(input => input is JsonArray array ? array.Select(v => v!.GetValue<string>()) : [input.GetValue<string>()])
            .ToList();
        Assert.Equal(["surveillance state: watched by drones; rebellion: a clerk fights back"], embedded);
    }

    [Fact]
    public async Task A_user_defined_task_profile_file_works_as_a_task()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var profile = host.Directory.File("coffee.yaml");
        await File.WriteAllTextAsync(profile, """
            name: coffee
            kind: classification
            description: Pick the drink this customer orders.
            instruction: Which drink will this customer order?
            labels: [espresso, latte, tea]
            """);
        HistoryItem[] history = [new("o1", "Cold morning, in a hurry.", "espresso"), new("o2", "Lazy Sunday with a book.", "latte")];

        await runtime.Pipeline.IngestAsync("cara", profile, history);
        var answer = await runtime.Pipeline.PersonalizeAsync("cara", profile, "Rainy afternoon, meeting a friend.");

        Assert.Contains(answer.Answer, new[] { "espresso", "latte", "tea" });
        Assert.Equal("coffee", (await runtime.Pipeline.ExplainAsync("cara", profile)).Task);
    }

    private static JsonObject ItemsSchema(Testing.RecordedRequest request) =>
        request.SchemaProperty("items").AsObject();
}
