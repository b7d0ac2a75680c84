using RpmKernel.Core.Factors;

namespace RpmKernel.Core.Records;

/// <summary>An answer reasoned like the user, with everything needed to see why.</summary>
public sealed record PersonalizedAnswer
{
    /// <summary>The parsed answer (a canonical label, a score as text, or trimmed text).</summary>
    public required string Answer { get; init; }

    /// <summary>The model's reasoning in the user's style.</summary>
    public required string Reasoning { get; init; }

    /// <summary>The user's factors with statistics that were given to the model.</summary>
    public required IReadOnlyList<FactorStatistics> Factors { get; init; }

    /// <summary>The retrieved examples (item id and similarity), best first.</summary>
    public required IReadOnlyList<ExampleReference> Examples { get; init; }

    /// <summary>Prompt version per stage used for this answer.</summary>
    public required IReadOnlyDictionary<string, string> PromptVersions { get; init; }

    /// <summary>Model calls and tokens spent on this answer.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>The new query's extracted features (stage 6), whose text was used for retrieval.</summary>
    public IReadOnlyList<Features.Feature> QueryFeatures { get; init; } = [];

    /// <summary>Whether the answer (the generation call) came from the response cache instead of the model.</summary>
    public bool FromCache { get; init; }
}
