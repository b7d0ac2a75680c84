using Microsoft.AspNetCore.Builder;
using RpmKernel.AspNetCore.Mcp;
using RpmKernel.AspNetCore.UserPage;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>Mounts the whole RPM server in one call, as <c>rpmk serve</c> does.</summary>
public static class RpmServerApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the rate limiter and maps the health checks, the HTTP API under <c>/v1</c>, MCP over HTTP at
    /// <c>/mcp</c> and the user pages under <c>/ui</c>. A host that wants other prefixes, or only some of
    /// them, calls <c>MapRpmHealthChecks</c>, <c>MapRpm</c>, <c>MapRpmMcp</c> and <c>MapRpmUserPages</c> itself.
    /// Needs <c>AddRpm</c> and <c>AddRpmServer</c> in the services.
    /// </summary>
    /// <param name="app">The host's app.</param>
    /// <returns>The app.</returns>
    public static WebApplication MapRpmServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRpmHealthChecks();
        app.UseRateLimiter();
        app.MapRpm();
        app.MapRpmMcp();
        app.MapRpmUserPages();
        return app;
    }
}
