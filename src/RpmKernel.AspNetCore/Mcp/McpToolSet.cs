using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.UserPage;
using RpmKernel.Mcp;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.AspNetCore.Mcp;

/// <summary>
/// The MCP tools of one request: <c>rpmk mcp</c>'s tool set bound to the request's scope, cut down to what the key
/// may do — <c>Personalize</c> and <c>ExplainUser</c> for its read operations, <c>IngestHistory</c> only with Ingest,
/// <c>ForgetUser</c> only with Forget (the key's operations are the operator's consent, so no further approval).
/// The server is stateless, so every request builds its own tools and no session outlives its request.
/// </summary>
internal static class McpToolSet
{
    private static readonly (string Tool, RpmOperation Operation)[] s_tools =
    [
        ("Personalize", RpmOperation.Personalize),
        ("ExplainUser", RpmOperation.Explain),
        ("IngestHistory", RpmOperation.Ingest),
        ("ForgetUser", RpmOperation.Forget),
    ];

    /// <summary>Whether <paramref name="caller"/> may call at least one tool.</summary>
    public static bool ServesAny(RpmCaller caller) => s_tools.Any(t => caller.Allows(t.Operation));

    /// <summary><c>HttpServerTransportOptions.ConfigureSessionOptions</c>: the request's own tools.</summary>
    public static Task ConfigureAsync(HttpContext http, McpServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var caller = http.GetRpmCaller() ?? throw new InvalidOperationException("The MCP request carries no RPM API key identity.");
        var scope = McpUserBinding.Scope(http);
        var services = http.RequestServices;
        var pipeline = services.GetRequiredService<IRpmPipeline>();
        var rpm = services.GetService<IOptions<RpmOptions>>()?.Value;
        var recent = services.GetService<RecentAnswers>();
        var toolOptions = new RpmToolOptions
        {
            AllowLearning = caller.Allows(RpmOperation.Ingest),
            AllowForget = caller.Allows(RpmOperation.Forget),
            Approve = (_, _) => ValueTask.FromResult(true),
            OnPersonalized = recent is null ? null : (bound, answer) => recent.Add(bound, "mcp", query: null, answer),
        };
        var plugin = new PersonalizationPlugin(pipeline, scope, scopeAccessor: null, toolOptions, rpm is null ? null : RpmSecrets.Redactor(rpm));
        var allowed = s_tools.Where(t => caller.Allows(t.Operation)).Select(t => t.Tool).ToHashSet(StringComparer.Ordinal);
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in RpmMcpTools.Create(plugin, services.GetService<Kernel>()))
        {
            if (allowed.Contains(tool.ProtocolTool.Name))
            {
                tools.Add(tool);
            }
        }

        options.ToolCollection = tools;
        return Task.CompletedTask;
    }
}
