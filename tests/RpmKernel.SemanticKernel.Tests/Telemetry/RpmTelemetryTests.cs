using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Telemetry;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Telemetry;

[Collection(RunsAlone.Name)]
public sealed class RpmTelemetryTests
{
    [Fact]
    public async Task Every_stage_call_is_a_span_tagged_with_stage_version_tokens_and_cache_hit_but_no_user_text()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToRpm(spans);
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 2);
        var history = SampleHistories.MovieTags(4);

        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        var stageSpans = spans.Where(s => s.GetTagItem(RpmTelemetry.StageTag) is not null).ToList();
        Assert.Equal(2, spans.Count(s => s.OperationName == "rpm.ingest"));
        Assert.Equal(2, stageSpans.Count(s => s.OperationName == "rpm.stage extract-features"));
        Assert.Equal(2, stageSpans.Count(s => s.OperationName == "rpm.stage construct-reasoning"));
        Assert.All(stageSpans, s => Assert.Equal("v1", s.GetTagItem(RpmTelemetry.PromptVersionTag)));
        Assert.All(stageSpans.Where(s => Equals(s.GetTagItem("rpm.cache_hit"), false)), s => Assert.True((long)s.GetTagItem("rpm.tokens.input")! > 0));

        // The rerun's clustering call is answered by the cache.
        Assert.Contains(stageSpans, s => s.OperationName == "rpm.stage cluster-factors" && Equals(s.GetTagItem("rpm.cache_hit"), true));
        var tagText = string.Join("\n", spans.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.All(history, h => Assert.DoesNotContain(h.Query[..20], tagText, StringComparison.Ordinal));
        Assert.DoesNotContain("alice", tagText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_model_call_is_a_GenAI_span_under_its_stage_span_with_the_semantic_convention_tags()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToRpm(spans);
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Cache.Enabled = false);

        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));

        var chats = spans.Where(s => Equals(s.GetTagItem("gen_ai.operation.name"), "chat")).ToList();
        Assert.Equal(3, chats.Count);
        Assert.All(chats, c =>
        {
            Assert.Equal(runtime.Options.Chat.Model, c.GetTagItem("gen_ai.request.model"));
            Assert.True(Convert.ToInt64(c.GetTagItem("gen_ai.usage.input_tokens"), CultureInfo.InvariantCulture) > 0);
            Assert.True(Convert.ToInt64(c.GetTagItem("gen_ai.usage.output_tokens"), CultureInfo.InvariantCulture) > 0);
            var stage = spans.Single(s => s.SpanId == c.ParentSpanId);
            Assert.StartsWith("rpm.stage ", stage.OperationName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_personalize_call_spans_its_embedding_and_its_search_under_the_operation()
    {
        var spans = new ConcurrentQueue<Activity>();
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        using var listener = ListenToRpm(spans);

        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A lighthouse keeper befriends a stranded whale.");

        var personalize = Assert.Single(spans, s => s.OperationName == "rpm.personalize");
        var embed = Assert.Single(spans, s => s.OperationName == "rpm.embed");
        var search = Assert.Single(spans, s => s.OperationName == "rpm.search");
        Assert.All(new[] { embed, search }, s => Assert.Equal(personalize.TraceId, s.TraceId));
        Assert.Equal(3, search.GetTagItem(RpmTelemetry.ResultsTag));
    }

    [Fact]
    public async Task The_meter_counts_calls_tokens_retries_and_failures()
    {
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RpmTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key == RpmTelemetry.RetryKindTag)
                {
                    key += "." + tag.Value;
                }
            }

            totals.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        listener.Start();
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Ingest.BatchSize = 1;
            o.Chat.RetryDelay = TimeSpan.FromMilliseconds(1);
            o.Chat.MaxConcurrency = 1;
        });
        host.Server.EnqueueFault(FakeFault.Status(429, retryAfter: TimeSpan.Zero));
        host.Server.EnqueueFault(FakeFault.Content("not json"));
        host.Server.Respond(r => r.IsStage("reasoning_paths") && r.Body.Contains("bakery", StringComparison.Ordinal) ? "{\"items\": {}}" : null);

        var result = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));

        Assert.Equal(("m2", RpmStage.ConstructReasoning), (Assert.Single(result.Failed).ItemId, result.Failed[0].Stage));
        Assert.Equal(result.Usage.Calls, totals["rpm.calls"]);
        Assert.Equal(result.Usage.InputTokens, totals["rpm.tokens.input"]);
        Assert.Equal(result.Usage.OutputTokens, totals["rpm.tokens.output"]);
        Assert.Equal(1, totals["rpm.retries.http"]);

        // One repair of the "not json" reply, two of the bakery's reasoning (MaxRetries = 2).
        Assert.Equal(3, totals["rpm.retries.repair"]);
        Assert.Equal(1, totals["rpm.failures"]);
        Assert.Equal(host.Server.ChatRequests.Count - 1, totals["rpm.calls"]);
    }

    [Fact]
    public async Task Logs_at_information_level_and_above_carry_neither_the_api_key_nor_user_text()
    {
        await using var host = await RpmTestHost.StartAsync();
        var logs = new CapturingLoggerFactory();
        using var runtime = RpmRuntime.Create(host.Options(o => o.Chat.RetryDelay = TimeSpan.FromMilliseconds(1)), logs);
        host.Server.EnqueueFault(FakeFault.Status(500));
        host.Server.EnqueueFault(FakeFault.Content("not json"));
        var history = SampleHistories.MovieTags(4);

        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A lighthouse keeper befriends a stranded whale.");

        var visible = logs.Entries.Where(e => e.Level >= LogLevel.Information).Select(e => e.Message).ToList();
        Assert.Contains(visible, m => m.Contains("retrying", StringComparison.Ordinal));
        Assert.Contains(visible, m => m.Contains("invalid output", StringComparison.Ordinal));
        var text = string.Join("\n", visible);
        Assert.DoesNotContain("test-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lighthouse", text, StringComparison.Ordinal);
        Assert.All(history, h => Assert.DoesNotContain(h.Query[..20], text, StringComparison.Ordinal));
    }

    private static ActivityListener ListenToRpm(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RpmTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
