using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RpmKernel.Testing;

/// <summary>Decides the assistant content the fake returns when no responder or fault overrides it.</summary>
internal static partial class ChatContentGenerator
{
    public static string Generate(ChatConversation conversation)
    {
        var format = conversation.ResponseFormatType;
        if (format == "json_schema")
        {
            return conversation.ResponseSchema is { } schema ? FromSchema(schema, conversation) : "{}";
        }

        // Text and json_object callers put the schema in the prompt; answer it the same way.
        if (FindEmbeddedSchema(conversation) is { } embedded)
        {
            return FromSchema(embedded, conversation);
        }

        return format == "json_object" ? "{}" : "ok";
    }

    private static string FromSchema(JsonObject schema, ChatConversation conversation) =>
        SchemaValueGenerator.Generate(schema, conversation.AllContent, conversation.LastUserContent)?.ToJsonString(OpenAIWire.Json) ?? "null";

    private static JsonObject? FindEmbeddedSchema(ChatConversation conversation)
    {
        foreach (var (_, content) in conversation.Messages)
        {
            foreach (Match match in JsonFence().Matches(content))
            {
                try
                {
                    if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject candidate
                        && (candidate.ContainsKey("type") || candidate.ContainsKey("properties")))
                    {
                        return candidate;
                    }
                }
                catch (JsonException)
                {
                    // A fenced block that is an example rather than a schema; keep looking.
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"```json[^\S\n]*\r?\n(?<json>.*?)```", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonFence();
}
