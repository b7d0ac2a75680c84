using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing.Otlp;

namespace RpmKernel.Cli.Tests;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a <c>rpmk</c> process exports its traces and metrics over OTLP before it exits.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task An_ingest_run_exports_rpm_spans_and_metrics_over_otlp_http_protobuf_before_exiting()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var collector = await OtlpReceiver.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        cli.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString();
        cli.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        cli.Environment["OTEL_SERVICE_NAME"] = "rpmk-under-test";

        var ingest = await cli.RunProcessAsync("ingest", "--user", "ann", "--task", "lamp2", "--history", history);

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var traces = collector.Requests.Where(r => r.Path == "/v1/traces").ToList();
        Assert.True(traces.Count > 0, $"No export reached /v1/traces; received: {string.Join(", ", collector.Requests.Select(r => r.Path))}. {ingest}");
        Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
        Assert.Contains(traces, t => t.HasNameField("Rpm"));
        Assert.Contains(traces, t => t.Body.AsSpan().IndexOf("rpmk-under-test"u8) >= 0);
        Assert.Contains(collector.Requests, r => r.Path == "/v1/metrics" && r.HasNameField("Rpm"));
    }
}
