namespace RpmKernel.Evaluation.Metrics;

/// <summary>The metrics of one predictions file against its golds.</summary>
/// <param name="Task">The task profile name.</param>
/// <param name="Examples">How many examples were scored.</param>
/// <param name="Metrics">The task's metrics.</param>
public sealed record ScoreResult(string Task, int Examples, IReadOnlyList<MetricScore> Metrics);
