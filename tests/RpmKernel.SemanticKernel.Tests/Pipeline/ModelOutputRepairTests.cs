using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class ModelOutputRepairTests
{
    [Fact]
    public async Task An_invalid_reply_is_fed_back_with_its_error_and_the_repaired_reply_is_stored()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 8);
        host.Server.EnqueueFault(FakeFault.Content("this is not json"));

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));

        Assert.Equal(3, result.Items);
        Assert.Empty(result.Failed);
        var extraction = host.StageRequests("extracted_features");
        Assert.Equal(2, extraction.Count);
        var retry = extraction[1].BodyAsJsonNode()!["messages"]!.AsArray();
        Assert.Equal("assistant", retry[^2]!["role"]!.GetValue<string>());
        Assert.Equal("this is not json", ChatRequests.Text(retry[^2]!));
        Assert.Contains("not valid JSON", ChatRequests.Text(retry[^1]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_whose_output_stays_invalid_is_listed_as_failed_and_never_stored()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 4);

        // Any extraction call that includes the bakery item answers without features.
        host.Server.Respond(request =>
            request.IsStage("extracted_features") && request.Body.Contains("bakery", StringComparison.Ordinal)
                ? """{"items":{}}"""
                : null);

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));

        var failed = Assert.Single(result.Failed);
        Assert.Equal("m2", failed.ItemId);
        Assert.Equal(RpmStage.ExtractFeatures, failed.Stage);
        Assert.Contains("items.i1 is missing", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, result.Items);
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Equal(3, model.ItemCount);
    }

    [Fact]
    public async Task A_reasoning_failure_keeps_the_item_out_of_the_store()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 1);
        host.Server.Respond(request =>
            request.IsStage("reasoning_paths") && request.Body.Contains("wormhole", StringComparison.Ordinal)
                ? """{"items":{"i1":{"reasoning":""}}}"""
                : null);

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));

        var failed = Assert.Single(result.Failed);
        Assert.Equal(("m3", RpmStage.ConstructReasoning), (failed.ItemId, failed.Stage));
        Assert.Equal(3, result.Items);
        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A crew travels through a wormhole.");
        Assert.DoesNotContain(answer.Examples, e => e.ItemId == "m3");
    }

    [Fact]
    public async Task Long_label_lists_are_clustered_in_chunks_and_merged_into_proposed_labels()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Ingest.ClusterChunkSize = 3;
            o.Ingest.MaxFactors = 3;
        });

        // Extraction proposes two labels per item key: 16 distinct labels for 8 items in one batch.
        host.Server.Respond(request =>
        {
            if (!request.IsStage("extracted_features"))
            {
                return null;
            }

            var keys = request.SchemaProperty("items")["required"]!.AsArray();
            var items = new JsonObject();
            foreach (var key in keys.Select(k => k!.GetValue<string>()))
            {
                items[key] = new JsonObject
                {
                    ["features"] = new JsonArray(
                        new JsonObject { ["name"] = "n", ["context"] = "c", ["factor"] = $"label-{key}-a" },
                        new JsonObject { ["name"] = "n", ["context"] = "c", ["factor"] = $"label-{key}-b" }),
                };
            }

            return new JsonObject { ["items"] = items }.ToJsonString();
        });

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(8));

        Assert.Empty(result.Failed);
        var proposed = Enumerable.Range(1, 8).SelectMany(i => new[] { $"label-i{i}-a", $"label-i{i}-b" }).ToHashSet();
        var clusterCalls = host.StageRequests("user_factors");
        var chunkCalls = clusterCalls.Where(c => MemberEnum(c).All(proposed.Contains)).ToList();
        // 16 labels in chunks of 3: five calls, and the lone 16th label is its own factor without a call.
        Assert.Equal(5, chunkCalls.Count);
        Assert.All(chunkCalls, c => Assert.InRange(MemberEnum(c).Count(), 1, 3));
        Assert.True(clusterCalls.Count > chunkCalls.Count, "the chunk factors were never merged");
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.InRange(model.Factors.Count, 1, 3);

        // Every member of a final factor is a label proposed by feature extraction, not a chunk factor's name.
        Assert.All(model.Factors.SelectMany(f => f.Members), m => Assert.Contains(m, proposed));
        Assert.All(model.Factors, f => Assert.InRange(f.Evidence, 0, 8));
    }

    private static IEnumerable<string> MemberEnum(RecordedRequest request) =>
        request.SchemaProperty("factors")["items"]!["properties"]!["members"]!["items"]!["enum"]!
            .AsArray().Select(v => v!.GetValue<string>());
}
