namespace RpmKernel.Evaluation.Datasets;

/// <summary>One query to answer, with its gold answer when the dataset gives one.</summary>
/// <param name="Id">The example id, unique in the dataset (the id written to the predictions file).</param>
/// <param name="Query">The query.</param>
/// <param name="Gold">The gold answer, or null when it is unknown (LaMP without an outputs file).</param>
public sealed record EvalTarget(string Id, string Query, string? Gold);
