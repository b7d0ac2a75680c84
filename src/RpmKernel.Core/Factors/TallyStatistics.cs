using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Factors;

/// <summary>
/// The statistics of DESIGN.md §1.3 for a discrete task, read from a <see cref="FactorTally"/>: every value
/// is a ratio of integer counts, so the same items give the same doubles however they were counted.
/// </summary>
internal static class TallyStatistics
{
    /// <summary>One <see cref="FactorStatistics"/> per factor of <paramref name="tally"/>, in its order.</summary>
    public static List<FactorStatistics> Of(TaskProfile profile, FactorTally tally)
    {
        double? overallMean = tally.Scored == 0 ? null : (double)tally.ScoreSum / tally.Scored;
        var statistics = new List<FactorStatistics>(tally.Factors.Count);
        foreach (var counts in tally.Factors)
        {
            var common = new FactorStatistics
            {
                Name = counts.Name,
                Description = counts.Description ?? "",
                Members = [.. counts.Members],
                Evidence = counts.Evidence,
                Coverage = tally.Items == 0 ? 0 : (double)counts.Evidence / tally.Items,
                Propensity = Propensity(counts),
            };

            if (profile.Kind != TaskKind.Rating)
            {
                statistics.Add(common);
                continue;
            }

            double? mean = counts.Scored == 0 ? null : (double)counts.ScoreSum / counts.Scored;
            statistics.Add(common with { MeanScore = mean, Lift = mean - overallMean });
        }

        return statistics;
    }

    /// <summary>
    /// <c>Propensity(y, F) = |{i in A_F: a_i = y}| / n_F</c>: labels grouped ignoring case, each reported with
    /// its most frequent spelling (the ordinally first on a tie), listed by share, highest first, then by label.
    /// </summary>
    private static Dictionary<string, double> Propensity(FactorCounts counts)
    {
        var groups = counts.Labels
            .Where(l => l.Value > 0)
            .GroupBy(l => l.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (
                Label: g.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key,
                Count: g.Sum(l => l.Value)))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Label, StringComparer.Ordinal);

        var propensity = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, count) in groups)
        {
            propensity[label] = (double)count / counts.Evidence;
        }

        return propensity;
    }
}
