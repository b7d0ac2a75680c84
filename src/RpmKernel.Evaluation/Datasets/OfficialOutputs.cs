namespace RpmKernel.Evaluation.Datasets;

/// <summary>An official-format outputs file: <c>{"task": "LaMP_2", "golds": [{"id", "output"}]}</c>, for golds and predictions alike.</summary>
/// <param name="Task">The task name written in the file (such as <c>LaMP_2</c>).</param>
/// <param name="Golds">The outputs, one per example.</param>
public sealed record OfficialOutputs(string Task, IReadOnlyList<OfficialOutput> Golds);
