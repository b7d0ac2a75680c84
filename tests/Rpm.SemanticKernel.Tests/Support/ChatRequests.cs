using System.Text.Json.Nodes;
using Rpm.Testing;

namespace Rpm.SemanticKernel.Tests.Support;

/// <summary>Reads what a recorded chat request asked for: its stage (schema name), output schema and message text.</summary>
internal static class ChatRequests
{
    public static string? SchemaName(this RecordedRequest request) =>
        request.BodyAsJsonNode()?["response_format"]?["json_schema"]?["name"]?.GetValue<string>();

    public static bool IsStage(this RecordedRequest request, string schemaName) => request.SchemaName() == schemaName;

    /// <summary>The output schema's property <paramref name="name"/>.</summary>
    public static JsonNode SchemaProperty(this RecordedRequest request, string name) =>
        request.BodyAsJsonNode()!["response_format"]!["json_schema"]!["schema"]!["properties"]![name]!;

    /// <summary>A message's text, whether sent as a string or as content parts.</summary>
    public static string Text(JsonNode message) => message["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p!["text"]!.GetValue<string>())),
        _ => "",
    };
}
