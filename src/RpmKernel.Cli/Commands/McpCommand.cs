using System.CommandLine;
using System.Reflection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Scopes;
using RpmKernel.Mcp;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk mcp --user ID --task TASK [--allow-learning] [--allow-forget]</c>: an MCP server on stdin/stdout
/// for one bound user. Stdout carries only MCP JSON-RPC; errors and <c>--verbose</c> logs go to stderr.
/// </summary>
internal static class McpCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User(description: "The user every tool call works for; an MCP client cannot choose another.");
        var task = CommandOptions.Task();
        var allowLearning = new Option<bool>("--allow-learning")
        {
            Description = "Also serve IngestHistory, which writes the user's records and model (off by default).",
        };
        var allowForget = new Option<bool>("--allow-forget")
        {
            Description = "Also serve ForgetUser, which erases the user's data for the task (off by default; annotated destructive).",
        };
        var command = new Command("mcp", "Serve Personalize and ExplainUser for one user over the Model Context Protocol (stdio).")
        {
            user, task, allowLearning, allowForget,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var scope = new RpmScope(parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task));
            var options = new RpmToolOptions
            {
                AllowLearning = parseResult.GetValue(allowLearning),
                AllowForget = parseResult.GetValue(allowForget),

                // The flags are the person's consent for this server; an MCP client asks again per call from the annotations.
                Approve = (_, _) => ValueTask.FromResult(true),
            };
            var tools = new McpServerPrimitiveCollection<McpServerTool>();
            foreach (var tool in RpmMcpTools.Create(PersonalizationPlugin.For(runtime.Pipeline, scope, options)))
            {
                tools.Add(tool);
            }

            var server = new McpServerOptions
            {
                ServerInfo = new Implementation { Name = "rpmk", Version = Version() },
                ToolCollection = tools,
            };
            await using var transport = new StdioServerTransport("rpmk");
            await using var mcp = McpServer.Create(transport, server);
            await mcp.RunAsync(cancellationToken);
            return CliApp.Success;
        });
        return command;
    }

    private static string Version() =>
        typeof(McpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
