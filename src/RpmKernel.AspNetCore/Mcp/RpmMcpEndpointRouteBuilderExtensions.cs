using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using RpmKernel.AspNetCore.Auth;

namespace RpmKernel.AspNetCore.Mcp;

/// <summary>Mounts RPM's tools as a Model Context Protocol server over streamable HTTP.</summary>
public static class RpmMcpEndpointRouteBuilderExtensions
{
    /// <summary>The request header naming the user (of the key's tenant) every tool call of the request works for.</summary>
    public const string UserHeader = "X-Rpm-User";

    /// <summary>The optional request header naming the task (a task name); without it, <c>Rpm:Server:DefaultTask</c>.</summary>
    public const string TaskHeader = "X-Rpm-Task";

    /// <summary>
    /// Maps the MCP endpoint (streamable HTTP, stateless) at <paramref name="pattern"/>. Every request needs an API key
    /// (401 otherwise) and the <see cref="UserHeader"/> header; its tools are <c>rpmk mcp</c>'s, bound to that user of
    /// the key's tenant and limited to the key's operations. Needs <c>AddRpm</c> and <c>AddRpmServer</c>.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="pattern">The route of the endpoint, such as <c>/mcp</c>.</param>
    /// <returns>The endpoint's conventions.</returns>
    public static IEndpointConventionBuilder MapRpmMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var anyKey = new AuthorizationPolicyBuilder(RpmServerAuthentication.Scheme).RequireAuthenticatedUser().Build();
        var mcp = endpoints.MapMcp(pattern).RequireAuthorization(anyKey);
        mcp.Add(endpoint => endpoint.RequestDelegate = endpoint.RequestDelegate is { } inner ? McpUserBinding.Wrap(inner) : null);
        return mcp;
    }
}
