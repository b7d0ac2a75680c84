using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class UsageLedgerTests
{
    [Fact]
    public async Task Every_model_call_is_a_usage_row_with_user_task_stage_version_tokens_and_latency()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 4);

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(8));

        var rows = await runtime.Storage.Usage.GetAsync("alice");
        Assert.Equal(host.Server.ChatRequests.Count, rows.Count);
        Assert.Equal(result.Usage.Calls, rows.Count);
        Assert.Equal(result.Usage.InputTokens, rows.Sum(r => r.InputTokens));
        Assert.Equal(result.Usage.OutputTokens, rows.Sum(r => r.OutputTokens));
        Assert.Equal(2, rows.Count(r => r.Stage == RpmStage.ExtractFeatures));
        Assert.Equal(2, rows.Count(r => r.Stage == RpmStage.ConstructReasoning));
        Assert.All(rows, r =>
        {
            Assert.Equal(("alice", "lamp2", "v1", "gpt-4o-mini", false), (r.UserId, r.Task, r.PromptVersion, r.Model, r.CacheHit));
            Assert.True(r.InputTokens > 0 && r.OutputTokens > 0 && r.LatencyMs > 0);
        });
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_cache_hit_is_a_row_with_the_tokens_of_the_call_it_saved_and_forget_deletes_the_rows()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        const string Query = "A crew travels through a wormhole to find a new home for humanity.";
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        var first = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", Query);
        var before = await runtime.Storage.Usage.GetAsync("alice");
        host.Server.ClearRequests();

        var second = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", Query);

        Assert.Empty(host.Server.ChatRequests);
        Assert.Equal(first.Answer, second.Answer);
        Assert.Equal(0, second.Usage.Calls);
        var hits = (await runtime.Storage.Usage.GetAsync("alice")).Where(r => r.CacheHit).ToList();
        Assert.Equal([RpmStage.ExtractTargetFeatures, RpmStage.Generate], hits.Select(h => h.Stage).Order());
        foreach (var hit in hits)
        {
            var paid = before.Single(r => r.Stage == hit.Stage);
            Assert.Equal((paid.InputTokens, paid.OutputTokens), (hit.InputTokens, hit.OutputTokens));
        }

        var receipt = await runtime.Pipeline.ForgetAsync("alice");

        Assert.Equal(before.Count + hits.Count, receipt.UsageRows);
        Assert.Empty(await runtime.Storage.Usage.GetAsync("alice"));
    }

    [Fact]
    public async Task A_call_that_fails_after_its_retries_is_a_row_marked_failed_with_no_tokens()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Ingest.BatchSize = 4;
            o.Chat.MaxRetries = 0;
        });
        host.Server.EnqueueFault(FakeFault.Status(500));

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));

        var rows = await runtime.Storage.Usage.GetAsync("alice");
        var failed = Assert.Single(rows, r => r.Failed);
        Assert.Equal((RpmStage.ExtractFeatures, 0L, 0L, false), (failed.Stage, failed.InputTokens, failed.OutputTokens, failed.CacheHit));
        Assert.Equal(result.Usage.Calls, rows.Count(r => !r.Failed));
        Assert.Equal(host.Server.ChatRequests.Count, rows.Count);
    }
}
