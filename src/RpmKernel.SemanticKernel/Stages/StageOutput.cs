using System.Text.Json;
using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Reads a model's reply as a JSON object, tolerating a Markdown code fence around it.</summary>
internal static class StageOutput
{
    public static JsonObject Parse(string? content)
    {
        var text = (content ?? "").Trim();
        if (text.Length == 0)
        {
            throw new StageOutputException("the reply was empty");
        }

        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLineEnd > 0 && lastFence > firstLineEnd)
            {
                text = text[(firstLineEnd + 1)..lastFence].Trim();
            }
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new StageOutputException("the reply is JSON but not an object");
        }
        catch (JsonException ex)
        {
            throw new StageOutputException($"the reply is not valid JSON ({ex.Message})");
        }
    }

    public static string RequiredString(JsonObject node, string name, string where)
    {
        var value = node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;
        return string.IsNullOrEmpty(value) ? throw new StageOutputException($"{where}.{name} must be a non-empty string") : value;
    }

    public static JsonArray RequiredArray(JsonObject node, string name, string where) =>
        node[name] as JsonArray ?? throw new StageOutputException($"{where}.{name} must be an array");

    public static JsonObject RequiredObject(JsonObject node, string name, string where) =>
        node[name] as JsonObject ?? throw new StageOutputException($"{where}.{name} must be an object");
}
