using System.Text.Json.Nodes;

namespace RpmKernel.Testing;

/// <summary>The parts of a chat completion request the fake server answers from.</summary>
internal sealed class ChatConversation
{
    private ChatConversation(JsonObject request, IReadOnlyList<(string Role, string Content)> messages)
    {
        Request = request;
        Messages = messages;
        AllContent = string.Join("\n", messages.Select(m => m.Content));
        LastUserContent = messages.LastOrDefault(m => m.Role == "user").Content ?? AllContent;
    }

    public JsonObject Request { get; }

    public IReadOnlyList<(string Role, string Content)> Messages { get; }

    /// <summary>Every message's text, joined; seeds generation and counts prompt tokens.</summary>
    public string AllContent { get; }

    /// <summary>Text of the last user message (all text when there is none); source of generated words.</summary>
    public string LastUserContent { get; }

    public string Model => Request["model"] is JsonValue v && v.TryGetValue(out string? model) ? model : "fake-model";

    public bool Stream => Request["stream"] is JsonValue v && v.TryGetValue(out bool stream) && stream;

    public bool IncludeUsageInStream =>
        Request["stream_options"]?["include_usage"] is JsonValue v && v.TryGetValue(out bool include) && include;

    public string ResponseFormatType =>
        Request["response_format"]?["type"] is JsonValue v && v.TryGetValue(out string? type) ? type : "text";

    public JsonObject? ResponseSchema => Request["response_format"]?["json_schema"]?["schema"] as JsonObject;

    /// <summary>Reads a request body; returns null with a reason when it is not a chat request.</summary>
    public static ChatConversation? TryParse(string body, out string error)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            error = $"The request body is not valid JSON ({ex.Message}). Send a JSON chat completion request.";
            return null;
        }

        if (node is not JsonObject request || request["messages"] is not JsonArray messages)
        {
            error = "The request has no 'messages' array. Send {\"model\": ..., \"messages\": [{\"role\": \"user\", \"content\": ...}]}.";
            return null;
        }

        var parsed = messages
            .OfType<JsonObject>()
            .Select(m => (Role: m["role"] is JsonValue r && r.TryGetValue(out string? role) ? role : string.Empty, Content: ContentText(m["content"])))
            .ToList();
        error = string.Empty;
        return new ChatConversation(request, parsed);
    }

    // Content is either a string or an array of parts ({"type": "text", "text": ...}).
    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonArray parts => string.Join("\n", parts.Select(p => p?["text"] is JsonValue t && t.TryGetValue(out string? s) ? s : null).Where(s => s is not null)),
        _ => string.Empty,
    };
}
