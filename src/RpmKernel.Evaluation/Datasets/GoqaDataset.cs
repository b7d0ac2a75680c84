using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RpmKernel.Core.Answers;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>
/// GlobalOpinionQA (<c>global_opinions.csv</c>) as evaluation users: each country is a user, and its
/// answer to a question is the option with the highest share (the first on a tie). A country named
/// with a sample suffix (<c>"Nigeria (Non-national sample)"</c>) is the same user as the bare name;
/// when one question has both, the bare name's shares are used, else the first listed. Shares whose
/// count differs from the options, or that are all zero or missing, give that country no answer to
/// that question. The history/target split is <see cref="UserSplit"/> with the given seed.
/// </summary>
public static class GoqaDataset
{
    /// <summary>Reads the file and yields one user per country, in ordinal order of the country names.</summary>
    public static async IAsyncEnumerable<EvalUser> ReadAsync(string path, int seed, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var byCountry = await ReadAnswersAsync(path, cancellationToken).ConfigureAwait(false);
        foreach (var (country, items) in byCountry.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var (history, targets) = UserSplit.Split(country, items, seed);
            if (targets.Count > 0)
            {
                yield return new EvalUser(country, history, targets.Select(t => new EvalTarget($"{country}/{t.Id}", t.Query, t.Answer)).ToList());
            }
        }
    }

    /// <summary>The country a selections key names: the key without a trailing parenthesised suffix.</summary>
    public static string CountryName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim();
        var open = trimmed.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && trimmed.EndsWith(')') ? trimmed[..open].Trim() : trimmed;
    }

    /// <summary>The query text of a question: the question, then an <c>Options:</c> block with one lettered option per line.</summary>
    public static string QueryText(string question, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder(question.Trim()).Append("\n\n").Append(OpinionOptions.Header);
        for (var i = 0; i < options.Count; i++)
        {
            var marker = options.Count <= 26 ? ((char)('A' + i)).ToString() : (i + 1).ToString(CultureInfo.InvariantCulture);
            text.Append('\n').Append(marker).Append(". ").Append(options[i].ReplaceLineEndings(" ").Trim());
        }

        return text.ToString();
    }

    private static async Task<Dictionary<string, List<HistoryItem>>> ReadAnswersAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = DatasetFiles.OpenRead(path, "GlobalOpinionQA");
        using var text = new StreamReader(stream, Encoding.UTF8);
        var csv = new CsvRecordReader(new StringReader(await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false)), path);
        var header = csv.Next()?.Fields ?? throw new RpmInputException($"GlobalOpinionQA file '{path}' is empty; it needs a header line with question, selections and options.");
        int Column(string name) => header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.Ordinal)) is var i and >= 0
            ? i
            : throw new RpmInputException($"GlobalOpinionQA file '{path}' line 1: the header has no '{name}' column (it has {string.Join(", ", header)}); use the original global_opinions.csv.");
        var (question, selections, options) = (Column("question"), Column("selections"), Column("options"));
        var byCountry = new Dictionary<string, List<HistoryItem>>(StringComparer.Ordinal);
        var row = 0;
        while (csv.Next() is var (fields, line))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var at = string.Create(CultureInfo.InvariantCulture, $"GlobalOpinionQA file '{path}' line {line}");
            if (fields.Count < header.Count)
            {
                throw new RpmInputException(string.Create(CultureInfo.InvariantCulture, $"{at}: has {fields.Count} fields, the header {header.Count}; quote fields that hold commas."));
            }

            var optionList = Parse(at, "options", () => PythonLiteral.StringList(fields[options]));
            var shares = Parse(at, "selections", () => PythonLiteral.NumberListsByKey(fields[selections]));
            var id = string.Create(CultureInfo.InvariantCulture, $"q{row++}");
            var query = QueryText(fields[question], optionList);
            foreach (var group in shares.GroupBy(s => CountryName(s.Key), StringComparer.Ordinal))
            {
                var chosen = group.FirstOrDefault(s => string.Equals(s.Key.Trim(), group.Key, StringComparison.Ordinal));
                var values = (chosen.Key is null ? group.First() : chosen).Value;
                if (Answer(values, optionList) is { } answer)
                {
                    GetList(byCountry, group.Key).Add(new HistoryItem(id, query, answer));
                }
            }
        }

        return byCountry;
    }

    private static string? Answer(IReadOnlyList<double> shares, IReadOnlyList<string> options)
    {
        if (shares.Count != options.Count || shares.Count == 0)
        {
            return null;
        }

        var best = -1;
        for (var i = 0; i < shares.Count; i++)
        {
            if (!double.IsNaN(shares[i]) && shares[i] > 0 && (best < 0 || shares[i] > shares[best]))
            {
                best = i;
            }
        }

        return best < 0 ? null : options[best].ReplaceLineEndings(" ").Trim();
    }

    private static List<HistoryItem> GetList(Dictionary<string, List<HistoryItem>> byCountry, string country)
    {
        if (!byCountry.TryGetValue(country, out var list))
        {
            byCountry[country] = list = [];
        }

        return list;
    }

    private static T Parse<T>(string at, string column, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException ex)
        {
            throw new RpmInputException($"{at}: the '{column}' field is not the Python literal GlobalOpinionQA writes ({ex.Message}).", ex);
        }
    }
}
