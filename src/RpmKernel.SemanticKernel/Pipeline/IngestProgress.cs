using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// How far an ingest has come in one stage: <see cref="RpmStage.ExtractFeatures"/> counts the items
/// with features, <see cref="RpmStage.ClusterFactors"/> goes from 0/1 to 1/1, and
/// <see cref="RpmStage.ConstructReasoning"/> counts the items stored. Reused items count as done at once.
/// </summary>
/// <param name="Stage">The stage name, one of the <see cref="RpmStage"/> constants.</param>
/// <param name="Done">How many of the stage's units are done.</param>
/// <param name="Total">How many units the stage has; items that fail keep <paramref name="Done"/> below it.</param>
public sealed record IngestProgress(string Stage, int Done, int Total);
