using RpmKernel.Core.Features;
using RpmKernel.Core.History;

namespace RpmKernel.Core.Factors;

/// <summary>
/// Which history items belong to each factor (<c>A_F</c>) and which features map to it. A feature
/// maps to a factor when its label equals, ignoring case and outer spaces, the factor's name or
/// one of its members; clustering returns labels as the extractor wrote them, so exact matching
/// would lose evidence to "Genre" vs "genre ".
/// </summary>
internal sealed class FactorMembership
{
    private readonly bool[][] _inFactor;
    private readonly List<Feature>[] _features;
    private readonly int[] _evidence;

    private FactorMembership(bool[][] inFactor, List<Feature>[] features)
    {
        _inFactor = inFactor;
        _features = features;
        _evidence = [.. inFactor.Select(items => items.Count(inside => inside))];
    }

    /// <summary>Maps every feature of every item to the factors it names.</summary>
    public static FactorMembership Build(
        IReadOnlyList<HistoryItem> items,
        IReadOnlyDictionary<string, IReadOnlyList<Feature>> featuresByItemId,
        IReadOnlyList<Factor> factors)
    {
        var factorsByLabel = FactorLabelIndex.Build(factors);
        var inFactor = factors.Select(_ => new bool[items.Count]).ToArray();
        var features = factors.Select(_ => new List<Feature>()).ToArray();

        for (var i = 0; i < items.Count; i++)
        {
            if (!featuresByItemId.TryGetValue(items[i].Id, out var itemFeatures) || itemFeatures is null)
            {
                continue;
            }

            foreach (var feature in itemFeatures)
            {
                var label = feature?.Factor?.Trim();
                if (string.IsNullOrEmpty(label) || !factorsByLabel.TryGetValue(label, out var factorIndexes))
                {
                    continue;
                }

                foreach (var f in factorIndexes)
                {
                    inFactor[f][i] = true;
                    features[f].Add(feature!);
                }
            }
        }

        return new FactorMembership(inFactor, features);
    }

    /// <summary>For each item, in history order, whether it belongs to <c>A_F</c> of factor <paramref name="factorIndex"/>.</summary>
    public IReadOnlyList<bool> InFactor(int factorIndex) => _inFactor[factorIndex];

    /// <summary><c>n_F</c> of factor <paramref name="factorIndex"/>.</summary>
    public int Evidence(int factorIndex) => _evidence[factorIndex];

    /// <summary>Every feature in the history that maps to factor <paramref name="factorIndex"/>.</summary>
    public IReadOnlyList<Feature> FeaturesOf(int factorIndex) => _features[factorIndex];
}
