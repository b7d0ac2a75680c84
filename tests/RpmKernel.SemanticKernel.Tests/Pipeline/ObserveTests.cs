using System.Text.Json.Nodes;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class ObserveTests
{
    private static readonly RpmScope Alice = new("alice", "lamp2");

    [Fact]
    public async Task A_label_of_an_existing_factor_costs_two_calls_keeps_the_factors_and_adds_its_evidence()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        var before = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        var factor = before.Factors[0];
        const string Query = "A city of glass where nobody may leave after dark.";
        AnswerFeatures(host, Query, factor.Name);
        host.Server.ClearRequests();

        var observed = await runtime.Pipeline.ObserveAsync(Alice, Query, "dystopia");

        Assert.False(observed.Reused);
        Assert.False(observed.Reclustered);
        Assert.Empty(observed.UnmappedLabels);
        Assert.InRange(observed.Usage.Calls, 1, 2);
        Assert.Empty(host.StageRequests("user_factors"));
        Assert.Single(host.StageRequests("extracted_features"));
        Assert.Single(host.StageRequests("reasoning_paths"));
        Assert.Equal(before.Factors.Select(f => f.Name), observed.Model.Factors.Select(f => f.Name));
        Assert.Equal(factor.Evidence + 1, observed.Model.Factors[0].Evidence);
        Assert.Equal(before.BuiltAt, observed.Model.BuiltAt);
        await AssertItemCountMatchesRecordsAsync(runtime, 7);
    }

    [Fact]
    public async Task A_label_no_factor_covers_clusters_the_factors_again()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        const string Query = "A lighthouse keeper trades letters with a ghost.";
        AnswerFeatures(host, Query, "haunted-correspondence");
        host.Server.ClearRequests();

        var observed = await runtime.Pipeline.ObserveAsync(Alice, Query, "romance", itemId: "chat-1");

        Assert.True(observed.Reclustered);
        Assert.Equal(["haunted-correspondence"], observed.UnmappedLabels);
        Assert.Equal("chat-1", observed.ItemId);
        Assert.Single(host.StageRequests("user_factors"));
        Assert.Contains("haunted-correspondence", host.StageRequests("user_factors")[0].Body, StringComparison.Ordinal);
        Assert.Equal(3, observed.Usage.Calls);
        await AssertItemCountMatchesRecordsAsync(runtime, 7);
    }

    [Fact]
    public async Task With_a_threshold_of_two_the_second_unmapped_label_triggers_clustering()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.ReclusterAfterUnmappedLabels = 2);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        AnswerFeatures(host, "A choir sings to keep a volcano asleep.", "volcanic-music");
        AnswerFeatures(host, "Twins swap lives on a floating market.", "floating-markets");
        host.Server.ClearRequests();

        var first = await runtime.Pipeline.ObserveAsync(Alice, "A choir sings to keep a volcano asleep.", "comedy");
        var second = await runtime.Pipeline.ObserveAsync(Alice, "Twins swap lives on a floating market.", "comedy");

        Assert.False(first.Reclustered);
        Assert.Equal(2, first.Usage.Calls);
        Assert.True(second.Reclustered);
        Assert.Single(host.StageRequests("user_factors"));
        await AssertItemCountMatchesRecordsAsync(runtime, 8);
    }

    [Fact]
    public async Task The_same_interaction_observed_twice_is_stored_once_without_model_calls()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        var first = await runtime.Pipeline.ObserveAsync(Alice, "A robot learns to paint.", "sci-fi");
        host.Server.ClearRequests();

        var again = await runtime.Pipeline.ObserveAsync(Alice, "A robot learns to paint.", "sci-fi");

        Assert.True(again.Reused);
        Assert.Equal(first.ItemId, again.ItemId);
        Assert.Equal(0, again.Usage.Calls);
        Assert.Empty(host.Server.ChatRequests);
        await AssertItemCountMatchesRecordsAsync(runtime, 5);
    }

    [Fact]
    public async Task A_user_with_no_model_yet_gets_one_from_the_first_interaction()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();

        var observed = await runtime.Pipeline.ObserveAsync(new RpmScope("carol", "lamp2"), "A heist in a casino on the moon.", "action");

        Assert.True(observed.Reclustered);
        Assert.NotEmpty(observed.Model.Factors);
        Assert.Equal(1, (await runtime.Pipeline.ExplainAsync("carol", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task An_answer_the_task_does_not_accept_is_refused_before_any_call()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();

        var error = await Assert.ThrowsAsync<Core.Errors.RpmInputException>(() => runtime.Pipeline.ObserveAsync(Alice, "A quiet film.", "not-a-tag"));

        Assert.Contains("not-a-tag", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    private static void AnswerFeatures(RpmTestHost host, string query, string label) => host.Server.Respond(r =>
        r.IsStage("extracted_features") && r.Body.Contains(query, StringComparison.Ordinal)
            ? new JsonObject
            {
                ["items"] = new JsonObject
                {
                    ["i1"] = new JsonObject
                    {
                        ["features"] = new JsonArray(new JsonObject { ["name"] = "setting", ["context"] = query, ["factor"] = label }),
                    },
                },
            }.ToJsonString()
            : null);

    private static async Task AssertItemCountMatchesRecordsAsync(RpmRuntime runtime, int expected)
    {
        var records = await runtime.Storage.Reasoning.GetItemIdsAsync("alice", "lamp2");
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Equal(expected, records.Count);
        Assert.Equal(records.Count, model.ItemCount);
    }
}
