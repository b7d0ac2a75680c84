namespace RpmKernel.SemanticKernel.Options;

/// <summary>How far apart two configuration keys are, ignoring case (configuration keys are case-insensitive).</summary>
internal static class KeyDistance
{
    /// <summary>
    /// The optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions, deletions,
    /// substitutions and transpositions of adjacent characters each cost 1, so <c>Modle</c> is 1 from <c>Model</c>.
    /// </summary>
    public static int Between(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// Whether <paramref name="typed"/> is close enough to <paramref name="valid"/> to be a misspelling of
    /// it: within a third of the longer key (at least 2) and sharing at least one character, or one key
    /// containing the other (<c>Retries</c> for <c>MaxRetries</c>).
    /// </summary>
    public static bool IsNear(string typed, string valid, out int distance)
    {
        distance = Between(typed, valid);
        var shorter = Math.Min(typed.Length, valid.Length);
        var longer = Math.Max(typed.Length, valid.Length);
        if (distance <= Math.Max(2, longer / 3) && distance < shorter)
        {
            return true;
        }

        return shorter >= 3 && (valid.Contains(typed, StringComparison.OrdinalIgnoreCase) || typed.Contains(valid, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
