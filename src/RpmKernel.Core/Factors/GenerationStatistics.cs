using RpmKernel.Core.Features;
using RpmKernel.Core.Text;

namespace RpmKernel.Core.Factors;

/// <summary>
/// The statistics of open-ended tasks: how often a response "reflects" a factor inside and outside
/// <c>A_F</c>. "Reflects" is lexical so it is deterministic and free: the response shares a content
/// token with the names and contexts of the factor's features across the whole history.
/// </summary>
internal static class GenerationStatistics
{
    /// <summary>The union of the content tokens of the names and contexts of <paramref name="features"/>.</summary>
    public static HashSet<string> FactorTokens(IReadOnlyList<Feature> features)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            tokens.UnionWith(ContentTokens.Extract(feature.Name ?? ""));
            tokens.UnionWith(ContentTokens.Extract(feature.Context ?? ""));
        }

        return tokens;
    }

    /// <summary>
    /// Influence (share of <c>A_F</c> that reflects the factor, 0 when <c>A_F</c> is empty) and base
    /// rate (share of the other items that reflect it, 0 when there are none).
    /// </summary>
    public static (double Influence, double BaseRate) Rates(
        IReadOnlyList<IReadOnlySet<string>> answerTokens,
        IReadOnlyList<bool> inFactor,
        HashSet<string> factorTokens)
    {
        int inside = 0, insideReflecting = 0, outside = 0, outsideReflecting = 0;
        for (var i = 0; i < answerTokens.Count; i++)
        {
            var reflects = factorTokens.Overlaps(answerTokens[i]);
            if (inFactor[i])
            {
                inside++;
                insideReflecting += reflects ? 1 : 0;
            }
            else
            {
                outside++;
                outsideReflecting += reflects ? 1 : 0;
            }
        }

        return (Share(insideReflecting, inside), Share(outsideReflecting, outside));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
