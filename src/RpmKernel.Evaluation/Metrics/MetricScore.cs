namespace RpmKernel.Evaluation.Metrics;

/// <summary>One metric's value, with whether a higher value is better.</summary>
/// <param name="Name">The metric name as the official scripts spell it (<c>accuracy</c>, <c>f1</c>, <c>mae</c>, <c>rmse</c>, <c>rouge-1</c>, <c>rouge-L</c>).</param>
/// <param name="Value">The value.</param>
/// <param name="HigherIsBetter">True for accuracy, F1 and ROUGE; false for MAE and RMSE.</param>
public sealed record MetricScore(string Name, double Value, bool HigherIsBetter);
