namespace RpmKernel.SemanticKernel.Stages;

/// <summary>A distinct proposed factor label with how often it occurred and example feature names.</summary>
/// <param name="Label">The label as proposed by feature extraction.</param>
/// <param name="Count">How many features carried it.</param>
/// <param name="Examples">A few feature names that carried it.</param>
internal sealed record ProposedLabel(string Label, int Count, IReadOnlyList<string> Examples);
