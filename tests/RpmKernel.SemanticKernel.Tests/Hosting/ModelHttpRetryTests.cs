using System.Diagnostics;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Hosting;

public sealed class ModelHttpRetryTests
{
    [Fact]
    public async Task A_429_is_retried_after_the_delay_its_retry_after_header_asks_for()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(Fast);
        host.Server.EnqueueFault(FakeFault.Status(429, retryAfter: TimeSpan.FromSeconds(1)));

        var watch = Stopwatch.StartNew();
        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(2));

        Assert.Empty(result.Failed);
        Assert.Equal(2, result.Items);

        // The base delay is 1 ms: only the Retry-After header can account for the wait.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"ingest took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(2, host.StageRequests("extracted_features").Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public async Task A_persistent_500_is_tried_max_retries_plus_one_times_and_the_item_is_listed_as_failed(int maxRetries, int expectedRequests)
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            Fast(o);
            o.Chat.MaxRetries = maxRetries;
        });
        for (var i = 0; i < 10; i++)
        {
            host.Server.EnqueueFault(FakeFault.Status(500));
        }

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(1));

        // Exactly one retry policy: the connector's own retries would multiply these requests.
        Assert.Equal(expectedRequests, host.Server.ChatRequests.Count);
        var failed = Assert.Single(result.Failed);
        Assert.Equal(("m1", RpmStage.ExtractFeatures), (failed.ItemId, failed.Stage));
        Assert.Contains("500", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.Items);
        Assert.Empty(await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2"));
    }

    [Fact]
    public async Task An_attempt_that_hangs_past_the_timeout_is_cut_off_and_retried()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            Fast(o);
            o.Chat.Timeout = TimeSpan.FromSeconds(2);
        });
        host.Server.EnqueueFault(FakeFault.Delay(TimeSpan.FromSeconds(30)));

        var watch = Stopwatch.StartNew();
        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(2));

        Assert.Empty(result.Failed);
        Assert.Equal(2, result.Items);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"ingest took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(2, host.StageRequests("extracted_features").Count);
    }

    [Fact]
    public async Task When_every_attempt_hangs_the_item_fails_with_a_reason_naming_the_timeout_setting()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            Fast(o);
            o.Chat.MaxRetries = 1;
            o.Chat.Timeout = TimeSpan.FromMilliseconds(300);
        });
        host.Server.Latency = TimeSpan.FromSeconds(30);

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(1));

        var failed = Assert.Single(result.Failed);
        Assert.Equal(RpmStage.ExtractFeatures, failed.Stage);
        Assert.Contains("Rpm:Chat:Timeout", failed.Error, StringComparison.Ordinal);
        Assert.Equal(2, host.Server.ChatRequests.Count);
    }

    internal static void Fast(RpmOptions options)
    {
        options.Chat.RetryDelay = TimeSpan.FromMilliseconds(1);
        options.Ingest.BatchSize = 8;
    }
}
