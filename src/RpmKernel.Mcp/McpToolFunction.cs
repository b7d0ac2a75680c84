using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using RpmKernel.Core.Errors;

namespace RpmKernel.Mcp;

/// <summary>
/// A tool function whose refusals reach the MCP client as their text ("No user is bound…", "did not
/// approve…"): the SDK reports other exceptions only as a generic error. The plugin has already masked
/// any secret in the message.
/// </summary>
internal sealed class McpToolFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);

            // The tools answer JSON text; handed back as a JSON string element (as a kernel function can be), the MCP
            // SDK would serialize it once more and the client would get a quoted, escaped string instead of the JSON.
            return result is JsonElement { ValueKind: JsonValueKind.String } text ? text.GetString() : result;
        }
        catch (RpmInputException ex)
        {
            throw new McpException(ex.Message);
        }
    }
}
