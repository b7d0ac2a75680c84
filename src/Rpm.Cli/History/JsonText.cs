using System.Text.Json;

namespace Rpm.Cli.History;

/// <summary>Wording shared by the history readers' error messages.</summary>
internal static class JsonText
{
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        _ => "null",
    };

    /// <summary>A <see cref="JsonException"/> message without the "Path: ... LineNumber: ..." tail, which callers report their own way.</summary>
    public static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }
}
