using System.Text.RegularExpressions;

namespace RpmKernel.Testing;

/// <summary>Word counting and content-word extraction shared by the chat and embedding endpoints.</summary>
internal static partial class TextWords
{
    /// <summary>Whitespace-separated words, the fake's stand-in for tokens.</summary>
    public static int Count(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Lower-cased alphanumeric tokens.</summary>
    public static IEnumerable<string> Tokens(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : Token().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    /// <summary>Distinct tokens of at least three characters, in order of first appearance.</summary>
    public static IReadOnlyList<string> ContentWords(string? text) =>
        Tokens(text).Where(t => t.Length >= 3).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("[a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
