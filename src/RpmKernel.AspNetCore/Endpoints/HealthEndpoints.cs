using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary><c>GET /healthz</c> (the process is up) and <c>GET /readyz</c> (store and model endpoint answer); no key needed, nothing secret shown.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TenantResults.Json(new { status = "live" }))
            .WithName("Live").WithSummary("The process is up").WithTags("Health");
        endpoints.MapGet("/readyz", ReadyAsync)
            .WithName("Ready").WithSummary("The store and the model endpoint answer").WithTags("Health");
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(ReadinessProbe probe, CancellationToken cancellationToken)
    {
        var checks = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        var ready = checks.All(c => c.Ok);
        return Results.Json(
            new { status = ready ? "ready" : "not ready", checks },
            SemanticKernel.Pipeline.RpmJson.Compact,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
