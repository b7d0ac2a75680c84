namespace RpmKernel.Evaluation.Datasets;

/// <summary>One example's output in the official LaMP format: <c>{"id", "output"}</c>.</summary>
/// <param name="Id">The example id (the LaMP entry id).</param>
/// <param name="Output">The gold or predicted output.</param>
public sealed record OfficialOutput(string Id, string Output);
