using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Hosting;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

public sealed class IngestFaultTests
{
    [Fact]
    public async Task Transient_faults_of_every_kind_cost_retries_not_items()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(Faulty);
        host.Server.EnqueueFault(FakeFault.Status(429, retryAfter: TimeSpan.Zero));
        host.Server.EnqueueFault(FakeFault.Status(500));
        host.Server.EnqueueFault(FakeFault.Content("{\"items\": "));
        host.Server.EnqueueFault(FakeFault.Content(string.Empty));
        host.Server.EnqueueFault(FakeFault.Delay(TimeSpan.FromSeconds(30)));
        host.Server.EnqueueFault(FakeFault.Status(503));
        var history = SampleHistories.MovieTags(10);

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal(0, host.Server.PendingFaultCount);
        Assert.Empty(result.Failed);
        Assert.Equal(10, result.Items);
        Assert.Equal(history.Select(h => h.Id).Order(), (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Select(r => r.ItemId).Order());
    }

    [Fact]
    public async Task Every_item_is_stored_or_listed_as_failed_and_a_clean_rerun_completes_only_the_failed_ones()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(Faulty);
        var history = SampleHistories.MovieTags(10);

        // The bakery item's features and the hitman item's reasoning never come back valid.
        host.Server.Respond(request =>
            (request.IsStage("extracted_features") && request.Body.Contains("bakery", StringComparison.Ordinal))
            || (request.IsStage("reasoning_paths") && request.Body.Contains("hitman", StringComparison.Ordinal))
                ? "{\"items\": {}}"
                : null);
        host.Server.EnqueueFault(FakeFault.Status(429, retryAfter: TimeSpan.Zero));
        host.Server.EnqueueFault(FakeFault.Content("not json"));
        host.Server.EnqueueFault(FakeFault.Status(502));

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal(
            [("m2", RpmStage.ExtractFeatures), ("m9", RpmStage.ConstructReasoning)],
            result.Failed.Select(f => (f.ItemId, f.Stage)).ToArray());
        Assert.All(result.Failed, f => Assert.False(string.IsNullOrWhiteSpace(f.Error)));
        var stored = (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Select(r => r.ItemId).ToHashSet();
        Assert.Equal(8, result.Items);
        Assert.Equal(history.Select(h => h.Id).ToHashSet(), stored.Union(result.Failed.Select(f => f.ItemId)).ToHashSet());
        Assert.Empty(stored.Intersect(result.Failed.Select(f => f.ItemId)));
        Assert.Equal(8, result.Model!.ItemCount);

        host.Server.ClearResponders();
        host.Server.ClearRequests();
        var rerun = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Empty(rerun.Failed);
        Assert.Equal((2, 8), (rerun.Items, rerun.Reused));
        Assert.Equal(10, (await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Count);
        // Only the item whose features never came back is asked for again; the hitman's are in the cache.
        Assert.Contains("bakery", Assert.Single(host.StageRequests("extracted_features")).Body, StringComparison.Ordinal);
        Assert.Collection(
            host.StageRequests("reasoning_paths").OrderBy(r => r.Body.Contains("hitman", StringComparison.Ordinal)),
            r => Assert.Contains("bakery", r.Body, StringComparison.Ordinal),
            r => Assert.Contains("hitman", r.Body, StringComparison.Ordinal));
    }

    private static void Faulty(RpmOptions options)
    {
        ModelHttpRetryTests.Fast(options);
        options.Ingest.BatchSize = 2;
        options.Chat.MaxRetries = 2;
        options.Chat.Timeout = TimeSpan.FromSeconds(2);
    }
}
