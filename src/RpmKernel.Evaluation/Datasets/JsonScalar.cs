using System.Text.Json;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>Reads a JSON string or number as text (LaMP writes ids and scores either way), and names JSON kinds in error messages.</summary>
public static class JsonScalar
{
    /// <summary>A string, or a number's literal text; null for anything else.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>The kind of a JSON value with its article, as an error message says it: "an object", "a number", "null".</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "not a value",
    };
}
