using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RpmKernel.AspNetCore.Endpoints;
using RpmKernel.AspNetCore.RateLimiting;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>Mounts the RPM HTTP API in a host's app.</summary>
public static class RpmEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the RPM endpoints under <paramref name="prefix"/> (see README, "Serving RPM over HTTP"). Every
    /// endpoint needs an API key allowed to call its operation; errors are problem details. Needs
    /// <c>AddRpm</c> and <c>AddRpmServer</c> in the services, and <c>app.UseRateLimiter()</c> for the limit per key.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix, such as <c>/v1</c>.</param>
    /// <returns>The group of the RPM endpoints, to add conventions or more endpoints to.</returns>
    public static RouteGroupBuilder MapRpm(this IEndpointRouteBuilder endpoints, string prefix = "/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var group = endpoints.MapGroup(prefix)
            .AddEndpointFilter<RpmProblemFilter>()
            .RequireRateLimiting(ApiKeyRateLimiterPolicy.PolicyName)
            .WithTags("RPM");

        // One small piece per endpoint group, so a feature adds its own file and one line here.
        group.MapPersonalize();
        group.MapUserModel();
        group.MapObserve();
        group.MapTenant();
        group.MapJobs();
        return group;
    }

    /// <summary>
    /// Maps <c>GET /healthz</c> (live: the process answers) and <c>GET /readyz</c> (ready: the store answers a
    /// read and the model endpoint answers HTTP; 503 otherwise), without authentication and without secrets.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapRpmHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHealth();
    }
}
