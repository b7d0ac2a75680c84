using RpmKernel.Core.Answers;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;
using RpmKernel.Core.Text;

namespace RpmKernel.Core.Factors;

/// <summary>
/// Computes the factor statistics of DESIGN.md §1.3 from a user's history, its features and the
/// user's canonical factors. Pure and deterministic: the same input gives the same output.
/// </summary>
public static class FactorStatisticsCalculator
{
    /// <summary>
    /// Computes one <see cref="FactorStatistics"/> per factor, in factor order. With <c>A_F</c> the
    /// items having a feature whose factor label equals (ignoring case and outer spaces) the
    /// factor's name or one of its members, <c>n_F = |A_F|</c> and <c>N</c> the item count:
    /// <list type="bullet">
    /// <item>every task: <c>Evidence = n_F</c>, <c>Coverage = n_F / N</c> (0 when <c>N = 0</c>);</item>
    /// <item>classification, rating, opinion: <c>Propensity(y, F) = |{i in A_F: a_i = y}| / n_F</c> per
    /// label observed in <c>A_F</c> (empty when <c>n_F = 0</c>); answers are trimmed, classification
    /// answers take the profile's label spelling, rating answers their integer digits, and labels are
    /// grouped ignoring case (reported with their most frequent spelling, the ordinally first on a tie);
    /// empty answers count in <c>n_F</c> but are no label;</item>
    /// <item>rating: <c>MeanScore(F)</c>, the mean integer score of <c>A_F</c> (null when none parses),
    /// and <c>Lift = MeanScore(F) - </c> the mean score of all items with an integer score;</item>
    /// <item>generation: <c>Influence(F)</c> and <c>BaseRate(F)</c>, the shares of items inside and
    /// outside <c>A_F</c> whose answer shares a <see cref="ContentTokens"/> token with the names and
    /// contexts of all the history's features that map to the factor (each 0 when its item set is
    /// empty), and <c>Polarity = Influence - BaseRate</c>.</item>
    /// </list>
    /// Values that do not apply to the task kind are null.
    /// </summary>
    /// <param name="profile">The task profile, which decides the statistics.</param>
    /// <param name="items">The user's history for the task (<c>N</c> items).</param>
    /// <param name="featuresByItemId">The extracted features of each item, by item id; an item without an entry has no features.</param>
    /// <param name="factors">The user's canonical factors.</param>
    /// <returns>The statistics, one per factor, in the order of <paramref name="factors"/>.</returns>
    public static IReadOnlyList<FactorStatistics> Compute(
        TaskProfile profile,
        IReadOnlyList<HistoryItem> items,
        IReadOnlyDictionary<string, IReadOnlyList<Feature>> featuresByItemId,
        IReadOnlyList<Factor> factors)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(featuresByItemId);
        ArgumentNullException.ThrowIfNull(factors);
        ThrowIfAnyNull(items, nameof(items));
        ThrowIfAnyNull(factors, nameof(factors));

        if (FactorTally.Supports(profile))
        {
            // Discrete statistics are ratios of counts: the same counts an incremental update keeps.
            var tally = FactorTally.Build(profile, factors, items.Select(i => new TalliedItem(i.Id, "", i.Answer, featuresByItemId.GetValueOrDefault(i.Id))));
            return TallyStatistics.Of(profile, tally);
        }

        var membership = FactorMembership.Build(items, featuresByItemId, factors);
        var answers = new AnswerViews(items);

        var statistics = new List<FactorStatistics>(factors.Count);
        for (var f = 0; f < factors.Count; f++)
        {
            var evidence = membership.Evidence(f);
            var common = new FactorStatistics
            {
                Name = factors[f].Name,
                Description = factors[f].Description ?? "",
                Members = [.. factors[f].Members ?? []],
                Evidence = evidence,
                Coverage = items.Count == 0 ? 0 : (double)evidence / items.Count,
            };

            statistics.Add(WithGeneration(common, answers, membership, f));
        }

        return statistics;
    }

    private static FactorStatistics WithGeneration(FactorStatistics common, AnswerViews answers, FactorMembership membership, int f)
    {
        var factorTokens = GenerationStatistics.FactorTokens(membership.FeaturesOf(f));
        var (influence, baseRate) = GenerationStatistics.Rates(answers.Tokens, membership.InFactor(f), factorTokens);
        return common with
        {
            Influence = influence,
            BaseRate = baseRate,
            Polarity = influence - baseRate,
        };
    }

    private static void ThrowIfAnyNull<T>(IReadOnlyList<T> values, string paramName)
        where T : class
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                throw new ArgumentException($"{paramName}[{i}] is null; pass only non-null entries.", paramName);
            }
        }
    }

    // The answers read once, as content tokens (generation tasks).
    private sealed class AnswerViews
    {
        public AnswerViews(IReadOnlyList<HistoryItem> items) => Tokens = [.. items.Select(item => ContentTokens.Extract(item.Answer ?? ""))];

        public IReadOnlyList<IReadOnlySet<string>> Tokens { get; }
    }
}
