namespace RpmKernel.Evaluation.Metrics;

/// <summary>
/// ROUGE-1 and ROUGE-L F1 exactly as Google's <c>rouge-score</c> package computes them without
/// stemming: lower-case, every character outside <c>[a-z0-9]</c> becomes a space (accented letters
/// too), split on white space; F1 = 2PR / (P + R), and 0 when either side has no tokens.
/// </summary>
public static class RougeScorer
{
    /// <summary>The tokens <c>rouge-score</c> sees in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var buffer = new char[lower.Length];
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            buffer[i] = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : ' ';
        }

        return new string(buffer).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>ROUGE-1 F1 of <paramref name="prediction"/> against <paramref name="target"/>.</summary>
    public static double Rouge1(string target, string prediction)
    {
        var t = Tokenize(target);
        var p = Tokenize(prediction);
        var counts = t.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var overlap = 0;
        foreach (var token in p)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                overlap++;
            }
        }

        return F1(overlap, p.Count, t.Count);
    }

    /// <summary>ROUGE-L F1 (longest common subsequence of tokens) of <paramref name="prediction"/> against <paramref name="target"/>.</summary>
    public static double RougeL(string target, string prediction)
    {
        var t = Tokenize(target);
        var p = Tokenize(prediction);
        return F1(LongestCommonSubsequence(t, p), p.Count, t.Count);
    }

    private static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static double F1(int overlap, int predictionCount, int targetCount)
    {
        if (predictionCount == 0 || targetCount == 0)
        {
            return 0;
        }

        var precision = (double)overlap / predictionCount;
        var recall = (double)overlap / targetCount;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }
}
