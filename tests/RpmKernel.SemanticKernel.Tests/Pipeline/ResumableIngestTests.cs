using System.Text.Json;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class ResumableIngestTests
{
    [Fact]
    public async Task An_unchanged_rerun_makes_no_model_call_and_rewrites_the_same_user_model()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 3);
        var history = SampleHistories.MovieTags(6);
        var first = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        host.Server.ClearRequests();

        var second = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Empty(host.Server.ChatRequests);
        Assert.Equal((6, 0, 6), (first.Items, second.Items, second.Reused));
        Assert.Equal(0, second.Usage.Calls);
        Assert.Equal(JsonSerializer.Serialize(first.Model!.Factors), JsonSerializer.Serialize(second.Model!.Factors));
        Assert.Equal(6, second.Model.ItemCount);
        Assert.Equal(6, (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Count);
    }

    [Fact]
    public async Task Without_the_cache_a_rerun_asks_only_for_the_factors_again()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Ingest.BatchSize = 3;
            o.Cache.Enabled = false;
        });
        var history = SampleHistories.MovieTags(6);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        host.Server.ClearRequests();

        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        // Stored items skip features and reasoning; the clustering call is what the cache saves.
        Assert.Single(host.Server.ChatRequests);
        Assert.Single(host.StageRequests("user_factors"));
    }

    [Fact]
    public async Task A_rerun_after_a_crash_redoes_only_the_missing_items_and_never_duplicates_a_record()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Ingest.BatchSize = 2;
            o.Chat.MaxConcurrency = 1;
        });
        var history = SampleHistories.MovieTags(8);
        using var crash = new CancellationTokenSource();
        var reasoningCalls = 0;
        host.Server.Respond(request =>
        {
            // The process "dies" while the third reasoning batch is with the model.
            if (request.IsStage("reasoning_paths") && Interlocked.Increment(ref reasoningCalls) == 3)
            {
                crash.Cancel();
            }

            return null;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.Pipeline.IngestAsync("alice", "lamp2", history, cancellationToken: crash.Token));
        // The two batches whose reasoning came back were stored; the one in flight and the one waiting were not.
        var survived = await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(4, survived.Count);
        Assert.All(history.Chunk(2), batch => Assert.True(
            batch.All(i => survived.Any(r => r.ItemId == i.Id)) || batch.All(i => survived.All(r => r.ItemId != i.Id)),
            "a batch was stored in part"));
        host.Server.ClearRequests();
        host.Server.ClearResponders();

        var rerun = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        // Features and factors of the first run come from the store and the response cache.
        Assert.Empty(host.StageRequests("extracted_features"));
        Assert.Empty(host.StageRequests("user_factors"));
        var reasoning = host.StageRequests("reasoning_paths");
        Assert.Equal(2, reasoning.Count);
        Assert.All(survived, r => Assert.DoesNotContain(reasoning, q => q.Body.Contains(Words(r.Query), StringComparison.Ordinal)));
        Assert.Empty(rerun.Failed);
        Assert.Equal((8 - survived.Count, survived.Count), (rerun.Items, rerun.Reused));
        var records = await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(history.Select(h => h.Id).Order(), records.Select(r => r.ItemId).Order());
        Assert.Equal(8, rerun.Model!.ItemCount);
    }

    [Fact]
    public async Task New_items_get_features_and_reasoning_alone_while_factors_and_statistics_cover_every_item()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 3);
        var history = SampleHistories.MovieTags(9);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(6).ToList());
        host.Server.ClearRequests();

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        var extraction = Assert.Single(host.StageRequests("extracted_features"));
        var reasoning = Assert.Single(host.StageRequests("reasoning_paths"));
        foreach (var request in new[] { extraction, reasoning })
        {
            Assert.All(history.Take(6), old => Assert.DoesNotContain(Words(old.Query), request.Body, StringComparison.Ordinal));
            Assert.All(history.Skip(6), added => Assert.Contains(Words(added.Query), request.Body, StringComparison.Ordinal));
        }

        Assert.Equal((3, 6), (result.Items, result.Reused));
        Assert.Equal(9, result.Model!.ItemCount);
        Assert.All(result.Model.Factors, f => Assert.InRange(f.Evidence, 0, 9));
        Assert.Equal(9, (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Count);
    }

    [Fact]
    public async Task An_item_whose_answer_changed_is_redone_and_rebuild_redoes_everything_past_the_cache()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 1);
        var history = SampleHistories.MovieTags(3).ToList();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        host.Server.ClearRequests();
        history[1] = history[1] with { Answer = "romance" };

        var changed = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal((1, 2), (changed.Items, changed.Reused));
        Assert.Single(host.StageRequests("extracted_features"));
        var stored = (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Single(r => r.ItemId == history[1].Id);
        Assert.Equal("romance", stored.Answer);
        host.Server.ClearRequests();

        var rebuilt = await runtime.Pipeline.IngestAsync("alice", "lamp2", history, rebuild: true);

        Assert.Equal((3, 0), (rebuilt.Items, rebuilt.Reused));
        Assert.Equal(3, host.StageRequests("extracted_features").Count);
        Assert.Equal(3, host.StageRequests("reasoning_paths").Count);
        Assert.Equal(3, (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Count);
    }

    [Fact]
    public async Task Forgetting_a_user_removes_their_cached_answers_so_the_next_ingest_asks_the_model_again()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 4);
        var history = SampleHistories.MovieTags(4);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        await runtime.Pipeline.IngestAsync("bob", "lamp2", history);

        var receipt = await runtime.Pipeline.ForgetAsync("alice");
        host.Server.ClearRequests();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        var aliceCalls = host.Server.ChatRequests.Count;
        host.Server.ClearRequests();
        await runtime.Pipeline.IngestAsync("bob", "lamp2", history);

        // Extraction, clustering and reasoning: one call each, and none of them for bob.
        Assert.Equal(3, receipt.CacheEntries);
        Assert.Equal(3, aliceCalls);
        Assert.Empty(host.Server.ChatRequests);
    }

    // A distinctive slice of a query, as it appears (JSON-escaped) in a request body.
    private static string Words(string query) => query[..24];
}
