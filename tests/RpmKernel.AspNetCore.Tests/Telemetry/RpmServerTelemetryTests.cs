using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RpmKernel.AspNetCore.Telemetry;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.Telemetry;

public sealed class RpmServerTelemetryTests
{
    private const string Query = "A lone astronaut repairs a dying space station.";

    [Fact]
    public async Task A_personalize_request_is_one_server_span_with_the_rpm_stage_and_model_call_spans_under_it_and_no_user_text_or_key()
    {
        var spans = new CollectingProcessor();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddRpmServerInstrumentation().AddProcessor(spans).Build();
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        using var response = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync("users/alice/personalize", new { query = Query });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The server span ends as the response completes, which can be just after the client has read it. Tests running
        // at the same time have servers of their own: this server's span is the one on its port, and its trace is this request's.
        bool OnThisServer(Activity span) => span.Kind == ActivityKind.Server && Equals(span.GetTagItem("server.port"), server.Address.Port);
        for (var wait = 0; wait < 100 && !spans.Ended.Any(OnThisServer); wait++)
        {
            await Task.Delay(50);
        }

        var serverSpan = Assert.Single(spans.Ended, OnThisServer);
        var traceId = serverSpan.TraceId;
        // The test's own HttpClient span is the server span's parent; it is the caller's, not the server's.
        var ended = spans.Ended.Where(s => s.TraceId == traceId && s.SpanId != serverSpan.ParentSpanId).ToList();
        Assert.Equal("POST /v1/users/{userId}/personalize", serverSpan.DisplayName);
        Assert.Equal("/v1/users/{userId}/personalize", serverSpan.GetTagItem("url.path"));
        Assert.Equal(200, Convert.ToInt32(serverSpan.GetTagItem("http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture));
        var personalize = Assert.Single(ended, s => s.DisplayName == "rpm.personalize");
        Assert.Equal(serverSpan.SpanId, personalize.ParentSpanId);
        var stages = ended.Where(s => s.DisplayName.StartsWith("rpm.stage ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stages);
        Assert.Contains(ended, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");

        foreach (var span in ended)
        {
            var text = span.DisplayName + " " + string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            Assert.DoesNotContain("alice", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("astronaut", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestKeys.AcmeReader, text, StringComparison.Ordinal);
            Assert.DoesNotContain("test-key", text, StringComparison.Ordinal);
        }
    }

    /// <summary>Keeps the ended spans; spans end on many threads at once.</summary>
    private sealed class CollectingProcessor : BaseProcessor<Activity>
    {
        public ConcurrentQueue<Activity> Ended { get; } = new();

        public override void OnEnd(Activity data) => Ended.Enqueue(data);
    }
}
