using System.Text.Json;
using RpmKernel.SemanticKernel.Batching;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.SemanticKernel.Tests.Batching;

public sealed class BatchApiIngestTests
{
    [Fact]
    public async Task A_batch_ingest_sends_the_online_requests_in_one_batch_per_stage_and_stores_the_same_result()
    {
        await using var online = await RpmTestHost.StartAsync();
        await using var batched = await RpmTestHost.StartAsync();
        var history = SampleHistories.MovieTags(6);
        using var onlineRuntime = online.Runtime(o => o.Ingest.BatchSize = 3);

        // One call in flight at a time: the parked batch requests must not hold the concurrency slots.
        using var batchRuntime = batched.Runtime(o => BatchApi(o, batched, concurrency: 1));
        var expected = await onlineRuntime.Pipeline.IngestAsync("alice", "lamp2", history);
        var actual = await batchRuntime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Empty(batched.Server.ChatRequests);
        Assert.Equal(3, batched.Server.BatchesCreated);
        Assert.Equal(
            online.Server.ChatRequests.Select(r => r.BodyAsJsonNode()!.ToJsonString()).Order(StringComparer.Ordinal),
            batched.Server.BatchLines.Select(r => r.BodyAsJsonNode()!.ToJsonString()).Order(StringComparer.Ordinal));
        Assert.Equal((6, 0), (actual.Items, actual.Failed.Count));
        Assert.Equal(JsonSerializer.Serialize(expected.Model!.Factors), JsonSerializer.Serialize(actual.Model!.Factors));
        Assert.Equal(Records(await onlineRuntime.Storage.Reasoning.GetAllAsync("alice", "lamp2")), Records(await batchRuntime.Storage.Reasoning.GetAllAsync("alice", "lamp2")));
        Assert.Equal(expected.Usage, actual.Usage);
        Assert.Empty(new BatchJobLedger(BatchApiTransport.DirectoryOf(batchRuntime.Options)).All());
    }

    [Fact]
    public async Task A_run_killed_after_submitting_resumes_polling_its_batch_and_loses_no_item()
    {
        await using var host = await RpmTestHost.StartAsync();
        var history = SampleHistories.MovieTags(6);
        host.Server.BatchPollsBeforeCompletion = int.MaxValue;
        var lines = new List<string>();
        using var killed = new CancellationTokenSource();
        using (var first = Runtime(host, progress =>
        {
            lock (lines)
            {
                lines.Add(progress.ToString());
            }

            // "Killed" while the features batch is with the provider.
            if (progress.Status == "in_progress")
            {
                killed.Cancel();
            }
        }))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Pipeline.IngestAsync("alice", "lamp2", history, cancellationToken: killed.Token));
        }

        Assert.Equal(1, host.Server.BatchesCreated);
        Assert.Contains(lines, l => l.StartsWith("extract-features: batch batch_fake0001 in_progress ", StringComparison.Ordinal) && l.EndsWith("/2, polling every 20 ms", StringComparison.Ordinal));
        lines.Clear();
        host.Server.BatchPollsBeforeCompletion = 1;

        using var second = Runtime(host, progress =>
        {
            lock (lines)
            {
                lines.Add(progress.ToString());
            }
        });
        var result = await second.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal((6, 0), (result.Items, result.Failed.Count));
        Assert.Equal(6, (await second.Storage.Reasoning.GetAllAsync("alice", "lamp2")).Count);

        // The features batch was polled again, not submitted again: three batches in all, one per stage.
        Assert.Equal(3, host.Server.BatchesCreated);
        Assert.Equal(3, host.Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/batches", StringComparison.Ordinal)));
        Assert.Equal(2, host.Server.BatchLines.Count(l => l.IsStage("extracted_features")));
        Assert.Contains(lines, l => l.StartsWith("extract-features: batch batch_fake0001 (resumed) completed 2/2", StringComparison.Ordinal));
        Assert.Empty(host.Server.ChatRequests);
        Assert.Empty(new BatchJobLedger(BatchApiTransport.DirectoryOf(second.Options)).All());
    }

    [Fact]
    public async Task Forget_removes_the_remembered_batches_of_that_user_only()
    {
        await using var host = await RpmTestHost.StartAsync();
        host.Server.BatchPollsBeforeCompletion = int.MaxValue;
        using var killed = new CancellationTokenSource();
        using var runtime = Runtime(host, progress =>
        {
            if (progress.Status == "in_progress")
            {
                killed.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6), cancellationToken: killed.Token));
        var ledger = new BatchJobLedger(BatchApiTransport.DirectoryOf(runtime.Options));
        Assert.Equal("alice", Assert.Single(ledger.All()).UserId);

        await runtime.Pipeline.ForgetAsync("bob");
        Assert.Single(ledger.All());

        // A forgotten user leaves no batch to resume: its requests (the user's history) are not kept by id either.
        await runtime.Pipeline.ForgetAsync("alice");
        Assert.Empty(ledger.All());
    }

    [Fact]
    public async Task Failed_batch_lines_are_failed_items_of_their_stage_and_are_not_retried_online()
    {
        await using var host = await RpmTestHost.StartAsync();
        var history = SampleHistories.MovieTags(4);
        var bad = history[2];
        host.Server.FailBatchLines = line => line.IsStage("extracted_features") && line.Body.Contains(bad.Query[..20], StringComparison.Ordinal);
        using var runtime = host.Runtime(o =>
        {
            BatchApi(o, host);
            o.Ingest.BatchSize = 1;
        });

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        var failed = Assert.Single(result.Failed);
        Assert.Equal((bad.Id, RpmStage.ExtractFeatures), (failed.ItemId, failed.Stage));
        Assert.Contains("batch batch_fake0001 returned HTTP 500", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, result.Items);
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task An_invalid_batch_answer_goes_through_the_online_repair_loop()
    {
        await using var host = await RpmTestHost.StartAsync();
        var broken = 0;
        host.Server.Respond(request =>
            request.IsStage("extracted_features") && Interlocked.Increment(ref broken) == 1 ? "this is not JSON" : null);
        using var runtime = host.Runtime(o => BatchApi(o, host));

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));

        Assert.Equal((6, 0), (result.Items, result.Failed.Count));
        var repair = Assert.Single(host.Server.ChatRequests);
        Assert.Contains("That reply was invalid", repair.Body, StringComparison.Ordinal);
        var rows = await runtime.Storage.Usage.GetAsync("alice");
        Assert.Single(rows, r => !r.Batch);
    }

    [Fact]
    public async Task Batch_calls_are_recorded_as_batch_rows_and_cost_half_of_the_same_calls_online()
    {
        await using var online = await RpmTestHost.StartAsync();
        await using var batched = await RpmTestHost.StartAsync();
        var history = SampleHistories.MovieTags(6);
        using var onlineRuntime = online.Runtime(o => o.Ingest.BatchSize = 3);
        using var batchRuntime = batched.Runtime(o => BatchApi(o, batched));
        await onlineRuntime.Pipeline.IngestAsync("alice", "lamp2", history);
        await batchRuntime.Pipeline.IngestAsync("alice", "lamp2", history);

        var costs = new CostEstimator(new RpmPricingOptions());
        var onlineRows = await onlineRuntime.Storage.Usage.GetAsync("alice");
        var batchRows = await batchRuntime.Storage.Usage.GetAsync("alice");
        Assert.All(batchRows, r => Assert.True(r.Batch));
        Assert.All(onlineRows, r => Assert.False(r.Batch));
        var onlineCost = UsageReport.Create(onlineRows, costs).Total.EstimatedCost!.Value;
        var batchCost = UsageReport.Create(batchRows, costs).Total.EstimatedCost!.Value;
        Assert.True(onlineCost > 0m);
        Assert.Equal(onlineCost / 2, batchCost);
    }

    private static void BatchApi(RpmOptions options, RpmTestHost host, int concurrency = 8)
    {
        options.Ingest.BatchSize = 3;
        options.Chat.MaxConcurrency = concurrency;
        options.Ingest.BatchApi.Enabled = true;
        options.Ingest.BatchApi.PollInterval = TimeSpan.FromMilliseconds(20);
        options.Ingest.BatchApi.Directory = host.Directory.File("batches");
    }

    private static RpmRuntime Runtime(RpmTestHost host, Action<BatchProgress> onProgress) =>
        RpmRuntime.Create(host.Options(o => BatchApi(o, host)), new RpmHostServices { OnBatchProgress = onProgress });

    private static List<string> Records(IEnumerable<Core.Records.ReasoningRecord> records) =>
        records.OrderBy(r => r.ItemId, StringComparer.Ordinal).Select(r => $"{r.ItemId}|{JsonSerializer.Serialize(r.Features)}|{r.FeatureText}|{r.Reasoning}").ToList();
}
