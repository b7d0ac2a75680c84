using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// What RPM knows that bears on one new query (stages 6–7): the query's factor-aware features, the
/// user's factors with their statistics, and the user's most similar past items with their reasoning
/// paths. A host gives it to its own model (a copilot's context), or passes it to
/// <see cref="IRpmPipeline.GenerateAsync"/> for stage 8.
/// </summary>
public sealed record RetrievedContext
{
    /// <summary>The user the context was retrieved for (in canonical form).</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>The new query.</summary>
    public required string Query { get; init; }

    /// <summary>The query's features, each pointing to one of the user's factors (or <c>other</c>).</summary>
    public required IReadOnlyList<Feature> Features { get; init; }

    /// <summary>The features as the text whose embedding retrieval compared (<c>name: context</c>, joined with <c>; </c>).</summary>
    public required string FeatureText { get; init; }

    /// <summary>The user's factors with their statistics and evidence counts.</summary>
    public required IReadOnlyList<FactorStatistics> Factors { get; init; }

    /// <summary>How many history items the user model rests on (<c>N</c>, the denominator of every coverage).</summary>
    public required int ItemCount { get; init; }

    /// <summary>
    /// The top-K past items of this user and task, most similar first: each record holds the item id,
    /// query, features, reasoning path and answer; the score is the cosine similarity of feature texts.
    /// </summary>
    public required IReadOnlyList<ScoredRecord> Examples { get; init; }

    /// <summary>Prompt version per stage of the user model and of stage 6.</summary>
    public required IReadOnlyDictionary<string, string> PromptVersions { get; init; }

    /// <summary>Model calls and tokens spent on the retrieval (stage 6; stage 7 calls no chat model).</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>The resolved task profile, so stage 8 answers with the profile the context was retrieved for.</summary>
    internal TaskProfile? Profile { get; init; }
}
