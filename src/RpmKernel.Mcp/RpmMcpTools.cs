using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.Mcp;

/// <summary>
/// RpmKernel's tools as Model Context Protocol tools, for any transport (stdio, HTTP): the same functions
/// and the same binding as <see cref="PersonalizationPlugin.CreateKernelPlugin"/> — read-only
/// <c>Personalize</c> and <c>ExplainUser</c>, plus <c>IngestHistory</c> and <c>ForgetUser</c> only when the
/// plugin's options opt in — each with the MCP annotations a client shows its user (read-only, destructive).
/// </summary>
public static class RpmMcpTools
{
    /// <summary>The tools of <paramref name="plugin"/>, annotated.</summary>
    /// <param name="plugin">The plugin, bound to its user by the host (<see cref="PersonalizationPlugin.For"/>).</param>
    /// <param name="kernel">The kernel RPM's stage calls run on (its filters see them); null for a bare one.</param>
    /// <returns>One MCP tool per function the plugin exposes.</returns>
    public static IReadOnlyList<McpServerTool> Create(PersonalizationPlugin plugin, Kernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        kernel ??= new Kernel();
        return plugin.CreateKernelPlugin()
            .Select(function => McpServerTool.Create(new McpToolFunction(function.WithKernel(kernel)), Annotations(function)))
            .ToList();
    }

    private static McpServerToolCreateOptions Annotations(KernelFunction function)
    {
        var options = new McpServerToolCreateOptions { Name = function.Name, Description = function.Description, OpenWorld = false };
        switch (function.Name)
        {
            case "IngestHistory":
                // Writes the bound user's records and model; a rerun with the same items changes nothing.
                options.ReadOnly = false;
                options.Destructive = false;
                options.Idempotent = true;
                break;
            case "ForgetUser":
                options.ReadOnly = false;
                options.Destructive = true;
                options.Idempotent = true;
                break;
            default:
                options.ReadOnly = true;
                options.Destructive = false;
                options.Idempotent = true;
                break;
        }

        return options;
    }
}
