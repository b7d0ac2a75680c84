using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// Asks the model for the stage's output shape in the configured <see cref="StructuredOutputMode"/>:
/// the stage's JSON schema by name and strict (<c>JsonSchema</c>), any JSON object (<c>JsonObject</c>),
/// or plain text with the schema written in the prompt (<c>Text</c>).
/// </summary>
internal sealed class StageResponseFormatChatClient : DelegatingChatClient
{
    /// <summary>The option M.E.AI's OpenAI client reads to send a schema as strict.</summary>
    internal const string StrictKey = "strictJsonSchema";

    // The format of each schema instance, serialized once: a refined schema is shared by the calls that refine it alike.
    private static readonly ConditionalWeakTable<JsonObject, ChatResponseFormatJson> s_formats = new();

    private readonly StructuredOutputMode _mode;

    public StageResponseFormatChatClient(IChatClient inner, StructuredOutputMode mode)
        : base(inner)
    {
        _mode = mode;
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithFormat(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithFormat(options), cancellationToken);

    private ChatOptions? WithFormat(ChatOptions? options)
    {
        if (StageCall.Current is not { } call)
        {
            return options;
        }

        var shaped = options?.Clone() ?? new ChatOptions();
        switch (_mode)
        {
            case StructuredOutputMode.JsonSchema:
                shaped.ResponseFormat = FormatOf(call.Schema, call.Prompt.SchemaName);
                (shaped.AdditionalProperties ??= [])[StrictKey] = true;
                break;
            case StructuredOutputMode.JsonObject:
                shaped.ResponseFormat = ChatResponseFormat.Json;
                break;
            default:
                shaped.ResponseFormat = null;
                break;
        }

        return shaped;
    }

    private static ChatResponseFormatJson FormatOf(JsonObject schema, string? name)
    {
        if (s_formats.TryGetValue(schema, out var format) && string.Equals(format.SchemaName, name, StringComparison.Ordinal))
        {
            return format;
        }

        format = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), name);
        s_formats.AddOrUpdate(schema, format);
        return format;
    }
}
