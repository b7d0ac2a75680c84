using RpmKernel.Core.Answers;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Tests.Factors;

/// <summary>
/// DESIGN.md §1.3 for discrete tasks written as plainly as possible, over every item at once: the oracle the
/// counted statistics are checked against. Answers are read as labels the way the statistics read them.
/// </summary>
internal static class NaiveStatistics
{
    public static List<FactorStatistics> Of(TaskProfile task, IReadOnlyList<HistoryItem> items, IReadOnlyDictionary<string, IReadOnlyList<Feature>> features, IReadOnlyList<Factor> factors)
    {
        var scores = items.Select(i => task.Kind == TaskKind.Rating && ScoreText.TryParse(i.Answer, out var s) ? s : (int?)null).ToList();
        double? overall = scores.Any(s => s is not null) ? scores.Where(s => s is not null).Average(s => s!.Value) : null;
        var statistics = new List<FactorStatistics>();
        foreach (var factor in factors)
        {
            var labels = new[] { factor.Name }.Concat(factor.Members).Select(l => l.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var inside = Enumerable.Range(0, items.Count)
                .Where(i => (features.GetValueOrDefault(items[i].Id) ?? []).Any(f => labels.Contains(f.Factor.Trim())))
                .ToList();
            var answers = inside.Select(i => DiscreteStatistics.Label(task, items[i].Answer)).Where(a => a is not null).Select(a => a!).ToList();
            var propensity = answers.GroupBy(a => a, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Label: g.GroupBy(a => a, StringComparer.Ordinal).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Label, StringComparer.Ordinal)
                .ToDictionary(g => g.Label, g => (double)g.Count / inside.Count, StringComparer.OrdinalIgnoreCase);
            var scored = inside.Where(i => scores[i] is not null).Select(i => scores[i]!.Value).ToList();
            double? mean = task.Kind == TaskKind.Rating && scored.Count > 0 ? scored.Average() : null;
            statistics.Add(new FactorStatistics
            {
                Name = factor.Name,
                Members = factor.Members,
                Evidence = inside.Count,
                Coverage = items.Count == 0 ? 0 : (double)inside.Count / items.Count,
                Propensity = propensity,
                MeanScore = mean,
                Lift = task.Kind == TaskKind.Rating ? mean - overall : null,
            });
        }

        return statistics;
    }
}
