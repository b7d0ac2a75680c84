using RpmKernel.Core.Factors;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Stage 2 for labels no stored item carries: one clustering call over the new labels only, with each of
/// the user's factors offered beside them as a label of its own, so a new label joins the factor it is
/// clustered with or, clustered with new labels only, a new factor. The stored items keep their factors
/// (existing factors only gain labels none of them carries), so the counts stay exact without reading them.
/// </summary>
internal static class FactorExtension
{
    /// <summary>
    /// Clusters the labels of <paramref name="proposed"/> that <paramref name="tally"/> does not know and adds them
    /// to its factors; a label the reply leaves out stays uncovered. Returns whether a clustering call was made.
    /// </summary>
    public static async Task<bool> ExtendAsync(
        FactorClusterer clusterer, TaskProfile task, FactorTally tally, IReadOnlyList<ProposedLabel> proposed, int maxFactors, int chunkSize,
        UsageLedger usage, CancellationToken cancellationToken)
    {
        var fresh = proposed.Where(l => !tally.IsKnownLabel(l.Label)).ToList();
        if (fresh.Count == 0)
        {
            return false;
        }

        var anchors = tally.Factors.Select(f => new ProposedLabel(f.Name, Math.Max(1, f.Evidence), [.. f.Members.Take(3)])).ToList();
        var clustered = await clusterer.ClusterAsync(task, [.. anchors, .. fresh], maxFactors, chunkSize, usage, cancellationToken).ConfigureAwait(false);
        Apply(tally, clustered, fresh.Select(l => l.Label), maxFactors);
        return true;
    }

    /// <summary>Adds each new label of <paramref name="clustered"/> to the existing factor clustered with it, or to a new factor.</summary>
    internal static void Apply(FactorTally tally, IReadOnlyList<Factor> clustered, IEnumerable<string> freshLabels, int maxFactors)
    {
        var fresh = freshLabels.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var existing = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var f = 0; f < tally.Factors.Count; f++)
        {
            existing.TryAdd(tally.Factors[f].Name.Trim(), f);
        }

        foreach (var factor in clustered)
        {
            // A label listed twice joins the first factor that lists it.
            var members = factor.Members.Where(m => fresh.Contains(m.Trim()) && !tally.IsKnownLabel(m)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            // Clustered with one of the user's factors: the labels join it (the first one named, when the reply merged several).
            int? anchor = factor.Members.Append(factor.Name).Select(m => existing.TryGetValue(m.Trim(), out var f) ? f : (int?)null).FirstOrDefault(f => f is not null);
            if (anchor is { } a)
            {
                foreach (var member in members)
                {
                    tally.AddMember(a, member);
                }

                continue;
            }

            // A new factor, while there is room; its name must be no label the history already carries.
            var name = new[] { factor.Name }.Concat(members).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n) && !tally.IsKnownLabel(n));
            if (tally.Factors.Count < maxFactors && name is not null)
            {
                tally.AddFactor(name, factor.Description ?? "", members);
            }
        }
    }
}
