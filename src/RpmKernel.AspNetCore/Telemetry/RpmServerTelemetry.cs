using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RpmKernel.AspNetCore.Telemetry;

/// <summary>
/// What the RPM server traces and measures, for a host's OpenTelemetry set-up (and <c>rpmk serve</c>'s OTLP export):
/// <c>tracing.AddRpmServerInstrumentation()</c> adds a server span per request (ASP.NET Core), a client span per
/// outgoing HTTP call (the model and the store), and RPM's own <c>Rpm</c> spans under them;
/// <c>metrics.AddRpmServerInstrumentation()</c> adds the request, Kestrel and rate-limiter meters and the <c>Rpm</c> meter.
/// </summary>
public static class RpmServerTelemetry
{
    /// <summary>RPM's sources and meters, with OpenTelemetry's trailing-wildcard syntax: RPM's own, Semantic Kernel's and Microsoft.Extensions.AI's.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Rpm", "Microsoft.SemanticKernel*", "Experimental.Microsoft.Extensions.AI*"];

    /// <summary>Traces every request, every outgoing HTTP call and RPM's stages. The request path is recorded as its route
    /// template (<c>/v1/users/{userId}/personalize</c>), so no user id, and never a header, reaches a span.</summary>
    /// <param name="tracing">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddRpmServerInstrumentation(this TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing
            .AddSource([.. Names])
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.EnrichWithHttpResponse = HideRequestPath)
            .AddHttpClientInstrumentation();
    }

    /// <summary>Measures requests (<c>http.server.request.duration</c>), Kestrel connections, rejections by the rate limiter,
    /// outgoing HTTP calls and RPM's counters.</summary>
    /// <param name="metrics">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddRpmServerInstrumentation(this MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics
            .AddMeter([.. Names])
            .AddMeter("Microsoft.AspNetCore.RateLimiting")
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation();
    }

    /// <summary>The path of <c>users/{userId}/...</c> names a user; the route template says the same without the id.</summary>
    private static void HideRequestPath(Activity activity, HttpResponse response)
    {
        var route = activity.GetTagItem("http.route") as string;
        activity.SetTag("url.path", route);
    }
}
