namespace RpmKernel.Evaluation.Retrieval;

/// <summary>
/// Okapi BM25 over a user's profile, as <c>rank_bm25.BM25Okapi</c> (which the LaMP baselines use)
/// computes it: k1 = 1.5, b = 0.75, idf = ln((N − n + 0.5) / (n + 0.5)) with negative idf raised to
/// 0.25 × the mean idf; every occurrence of a query token adds its term score. Tokens are lower-case
/// runs of letters and digits.
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.5;
    private const double B = 0.75;
    private const double Epsilon = 0.25;

    private readonly List<Dictionary<string, int>> _termCounts;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="documents"/>; their positions are the indexes <see cref="Top"/> returns.</summary>
    public Bm25Index(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _termCounts = documents.Select(d => Tokenize(d).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToList();
        _lengths = _termCounts.Select(c => c.Values.Sum()).ToArray();
        _averageLength = _lengths.Length == 0 ? 0 : _lengths.Average();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in _termCounts.SelectMany(c => c.Keys))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        var count = documents.Count;
        foreach (var (term, frequency) in documentFrequency)
        {
            _idf[term] = Math.Log(count - frequency + 0.5) - Math.Log(frequency + 0.5);
        }

        var floor = Epsilon * (_idf.Count == 0 ? 0 : _idf.Values.Average());
        foreach (var term in _idf.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToList())
        {
            _idf[term] = floor;
        }
    }

    /// <summary>The BM25 score of every document for <paramref name="query"/>, in document order.</summary>
    public IReadOnlyList<double> Scores(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scores = new double[_termCounts.Count];
        foreach (var token in Tokenize(query))
        {
            if (!_idf.TryGetValue(token, out var idf))
            {
                continue;
            }

            for (var i = 0; i < scores.Length; i++)
            {
                var tf = _termCounts[i].GetValueOrDefault(token);
                var norm = _averageLength == 0 ? 1 : 1 - B + (B * _lengths[i] / _averageLength);
                scores[i] += idf * tf * (K1 + 1) / (tf + (K1 * norm));
            }
        }

        return scores;
    }

    /// <summary>The indexes of the <paramref name="k"/> best documents, best first (ties: earlier first).</summary>
    public IReadOnlyList<int> Top(string query, int k)
    {
        var scores = Scores(query);
        return Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(Math.Max(0, k)).ToList();
    }

    /// <summary>Lower-case runs of letters and digits.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return tokens;
    }
}
