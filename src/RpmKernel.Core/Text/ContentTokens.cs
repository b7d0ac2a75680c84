using System.Text;

namespace RpmKernel.Core.Text;

/// <summary>
/// Splits text into content tokens, the unit of the lexical "reflects" test of the generation-task
/// statistics (DESIGN.md §1.3).
/// </summary>
public static class ContentTokens
{
    /// <summary>The shortest token kept.</summary>
    public const int MinimumLength = 3;

    /// <summary>
    /// Returns the distinct content tokens of <paramref name="text"/>: the text is lower-cased and
    /// split on every character outside <c>[a-z0-9]</c> (so accented and non-Latin letters split
    /// too, which keeps the test deterministic across cultures); tokens shorter than
    /// <see cref="MinimumLength"/> and English stop words are dropped.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>The tokens, enumerated in ordinal order so callers that print them are deterministic.</returns>
    public static IReadOnlySet<string> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                current.Append(c);
                continue;
            }

            Flush(current, tokens);
        }

        Flush(current, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder current, SortedSet<string> tokens)
    {
        if (current.Length >= MinimumLength)
        {
            var token = current.ToString();
            if (!StopWords.Contains(token))
            {
                tokens.Add(token);
            }
        }

        current.Clear();
    }
}
