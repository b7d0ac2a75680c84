using RpmKernel.Core.Features;
using RpmKernel.Core.Records;

namespace RpmKernel.Samples.PromptIteration;

/// <summary>What one prompt version of feature extraction produced, and what it cost.</summary>
/// <param name="Version">The prompt version, such as <c>v2</c>.</param>
/// <param name="Features">The features of every history item, by item id.</param>
/// <param name="Usage">Model calls and tokens of the run.</param>
public sealed record VersionRun(string Version, IReadOnlyDictionary<string, IReadOnlyList<Feature>> Features, TokenUsage Usage)
{
    /// <summary>Features over all items.</summary>
    public int FeatureCount => Features.Values.Sum(f => f.Count);

    /// <summary>Distinct proposed factor labels (case-insensitive): fewer labels cluster more cleanly.</summary>
    public int FactorLabelCount => Features.Values.SelectMany(f => f).Select(f => f.Factor.ToUpperInvariant()).Distinct().Count();
}
