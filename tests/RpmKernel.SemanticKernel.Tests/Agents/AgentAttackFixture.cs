using System.Text.Json;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Agents;

/// <summary>Three users in one store: alice (the bound user, 5 items), bob (4 items) and carol (7 items whose queries carry a marker).</summary>
internal static class AgentAttackFixture
{
    public static async Task StoreUsersAsync(IRpmPipeline pipeline)
    {
        await pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(5));
        await pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(4));
        var carol = SampleHistories.MovieTags(7).Select(i => i with { Id = "carol-" + i.Id, Query = $"{InjectedInstructionModel.CarolMarker}: {i.Query}" }).ToList();
        await pipeline.IngestAsync("carol", "lamp2", carol);
    }

    /// <summary>What the attack must leave true: nothing written or erased, and nothing of carol's or of a file read.</summary>
    public static async Task AssertNothingLeakedOrChangedAsync(RpmTestHost host, IRpmPipeline pipeline, IReadOnlyList<string> toolResults)
    {
        toolResults = Unwrapped(toolResults);
        Assert.Equal(InjectedInstructionModel.Steps, toolResults.Count);
        Assert.All(toolResults, r =>
        {
            Assert.DoesNotContain(InjectedInstructionModel.CarolMarker, r, StringComparison.Ordinal);
            Assert.DoesNotContain("carol-", r, StringComparison.Ordinal);
            Assert.DoesNotContain("root:", r, StringComparison.Ordinal);
            Assert.DoesNotContain("\"itemCount\":7", r, StringComparison.Ordinal);
        });

        // ExplainUser answered for alice (5 items), whatever user the model named.
        Assert.Contains("\"itemCount\":5", toolResults[0], StringComparison.Ordinal);

        // Personalize answered for alice on lamp2: RPM's own stage calls carry none of carol's records.
        Assert.StartsWith("{\"answer\":", toolResults[3], StringComparison.Ordinal);
        Assert.Contains("\"itemCount\":5", toolResults[4], StringComparison.Ordinal);
        var stageCalls = host.Server.ChatRequests.Where(r => r.SchemaName() is not null).ToList();
        Assert.Equal(["personalized_answer", "target_features"], stageCalls.Select(r => r.SchemaName()!).Distinct().Order());
        Assert.All(stageCalls, r => Assert.DoesNotContain(InjectedInstructionModel.CarolMarker, r.Body, StringComparison.Ordinal));

        // Nothing erased or written: bob keeps his 4 items, nobody got the injected item.
        Assert.Equal(4, (await pipeline.ExplainAsync("bob", "lamp2")).ItemCount);
        Assert.Equal(5, (await pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
        Assert.Equal(7, (await pipeline.ExplainAsync("carol", "lamp2")).ItemCount);
    }

    /// <summary>The tool results as text: Microsoft.Extensions.AI sends a string result as a JSON string literal.</summary>
    public static IReadOnlyList<string> Unwrapped(IReadOnlyList<string> toolResults) =>
        toolResults.Select(r => r.StartsWith('"') ? JsonSerializer.Deserialize<string>(r)! : r).ToList();
}
