using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RpmKernel.AspNetCore.Telemetry;

namespace RpmKernel.Cli.Hosting;

/// <summary>
/// Exports the traces and metrics of a <c>rpmk</c> run over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set: RPM's own <c>Rpm</c> source and meter, Semantic Kernel's (<c>Microsoft.SemanticKernel*</c>) and
/// Microsoft.Extensions.AI's (<c>Experimental.Microsoft.Extensions.AI*</c>), outgoing HTTP calls, and for
/// <c>rpmk serve</c> a server span per request (<see cref="RpmServerTelemetry"/>, the same set a host adds). The exporter reads the
/// standard variables itself (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>, the per-signal endpoints);
/// <c>OTEL_SERVICE_NAME</c> defaults to <c>rpmk</c>. Disposing flushes what is still buffered.
/// </summary>
internal sealed class OtlpExport : IDisposable
{
    /// <summary>The variable that turns the export on.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    private OtlpExport(TracerProvider tracing, MeterProvider metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    /// <summary>Starts the export when <see cref="EndpointVariable"/> is set in the process environment; otherwise null.</summary>
    public static OtlpExport? StartFromEnvironment()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable)))
        {
            return null;
        }

        var version = typeof(OtlpExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var resource = ResourceBuilder.CreateDefault()
            .AddService(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : "rpmk", serviceVersion: version);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddRpmServerInstrumentation()
            .AddOtlpExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddRpmServerInstrumentation()
            .AddOtlpExporter()
            .Build();
        return new OtlpExport(tracing, metrics);
    }

    /// <summary>Flushes and stops both exporters (a short command ends before the periodic export would run).</summary>
    public void Dispose()
    {
        _tracing.ForceFlush();
        _metrics.ForceFlush();
        _tracing.Dispose();
        _metrics.Dispose();
    }
}
