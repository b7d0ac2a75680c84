using System.Text.Json;

namespace RpmKernel.Samples;

/// <summary>Writes a tool call or result the same way in every sample, so a reader sees what the model chose to do.</summary>
public static class ToolCallText
{
    /// <summary><c>tool call: NAME(arg=value, ...)</c>.</summary>
    public static string Call(string name, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return $"tool call: {name}({string.Join(", ", arguments.Select(a => $"{a.Key}={Value(a.Value)}"))})";
    }

    /// <summary><c>tool result: answer "...", N examples</c> for a Personalize result, else the raw text.</summary>
    public static string Result(string name, object? result)
    {
        var text = result switch
        {
            null => "",
            string s => s,
            JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString() ?? "",
            _ => result.ToString() ?? "",
        };
        return $"tool result: {name} -> {Summary(text)}";
    }

    private static string Summary(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("answer", out var answer)
                && doc.RootElement.TryGetProperty("examples", out var examples)
                && examples.ValueKind == JsonValueKind.Number)
            {
                return $"answer \"{answer.GetString()}\", {examples.GetInt32()} examples";
            }
        }
        catch (JsonException)
        {
            // Not JSON (an error text, say): show it as it is.
        }

        return text;
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        JsonElement e => e.GetRawText(),
        _ => value.ToString() ?? "",
    };
}
