using System.Text.Json.Nodes;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>Reads what a recorded chat request asked for: its output schema and message text (its stage is <see cref="RecordedRequest.SchemaName"/>).</summary>
internal static class ChatRequests
{
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
