using Microsoft.AspNetCore.Http;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Endpoints;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Scopes;

namespace RpmKernel.AspNetCore.Mcp;

/// <summary>
/// Whose data an MCP request works on: the key's tenant and the user the request's <c>X-Rpm-User</c> header
/// names (the task from <c>X-Rpm-Task</c>, else <c>Rpm:Server:DefaultTask</c>). It wraps the MCP endpoints, so a
/// request without a valid user never reaches the MCP server; tool arguments never choose the user.
/// </summary>
internal static class McpUserBinding
{
    private const string ScopeItem = "rpm.mcp.scope";

    /// <summary>Wraps <paramref name="next"/> so it runs only with a bound scope, answering 400/403 problem details otherwise.</summary>
    public static RequestDelegate Wrap(RequestDelegate next) => async http =>
    {
        var caller = http.GetRpmCaller();
        if (caller is null)
        {
            // Authorization has run before the endpoint, so this happens only when the endpoint lost its policy.
            await RpmProblems.Write(http, StatusCodes.Status401Unauthorized, "API key required", "The MCP endpoint needs an API key: send 'Authorization: Bearer <key>'.").ConfigureAwait(false);
            return;
        }

        if (!McpToolSet.ServesAny(caller))
        {
            await RpmProblems.Write(http, StatusCodes.Status403Forbidden, "Operation not allowed for this key",
                $"The API key '{caller.KeyName}' may call none of the MCP tools; give it Personalize or Explain in Rpm:Server:ApiKeys:{caller.KeyName}:Operations.").ConfigureAwait(false);
            return;
        }

        var user = http.Request.Headers[RpmMcpEndpointRouteBuilderExtensions.UserHeader].ToString();
        if (string.IsNullOrWhiteSpace(user))
        {
            await RpmProblems.Write(http, StatusCodes.Status400BadRequest, "No user bound",
                $"Every MCP request names the user its tools work for in the '{RpmMcpEndpointRouteBuilderExtensions.UserHeader}: <user id>' header (a user of the key's tenant); tool arguments never choose it.").ConfigureAwait(false);
            return;
        }

        try
        {
            var task = http.Request.Headers[RpmMcpEndpointRouteBuilderExtensions.TaskHeader].ToString();
            http.Items[ScopeItem] = http.GetRpmScope(user, string.IsNullOrWhiteSpace(task) ? null : task);
        }
        catch (RpmInputException ex)
        {
            await RpmProblems.Write(http, StatusCodes.Status400BadRequest, "Invalid request", ex.Message).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    };

    /// <summary>The scope <see cref="Wrap"/> bound to this request.</summary>
    /// <exception cref="InvalidOperationException">The request did not pass through <see cref="Wrap"/>.</exception>
    public static RpmScope Scope(HttpContext http) =>
        http.Items[ScopeItem] as RpmScope
        ?? throw new InvalidOperationException("The MCP request has no bound user; map the MCP endpoint with MapRpmMcp, which binds it.");
}
