using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>The proposed factor labels of a history, and which of them the user's factors already cover.</summary>
internal static class FactorLabels
{
    /// <summary>The distinct labels of every item's features with their counts and example feature names, most used first.</summary>
    public static List<ProposedLabel> Propose(IEnumerable<HistoryItem> items, IReadOnlyDictionary<string, IReadOnlyList<Feature>> features) =>
        items.SelectMany(i => features[i.Id])
            .GroupBy(f => f.Factor.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new ProposedLabel(g.Key, g.Count(), g.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList()))
            .OrderByDescending(l => l.Count)
            .ThenBy(l => l.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The distinct labels of <paramref name="features"/> that are neither the name nor a member of any
    /// factor (ignoring case and outer spaces, as the statistics match them), in first-seen order.
    /// </summary>
    public static List<string> Unmapped(IEnumerable<Feature> features, IReadOnlyList<FactorStatistics> factors)
    {
        var known = new HashSet<string>(factors.SelectMany(f => f.Members.Append(f.Name)).Select(l => l.Trim()), StringComparer.OrdinalIgnoreCase);
        var unmapped = new List<string>();
        foreach (var label in features.Select(f => f.Factor.Trim()).Where(l => l.Length > 0))
        {
            if (!known.Contains(label) && !unmapped.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                unmapped.Add(label);
            }
        }

        return unmapped;
    }
}
