namespace RpmKernel.Evaluation.Datasets;

/// <summary>One profile item of a LaMP entry: its id and its text fields (LaMP-2 <c>description</c>/<c>tag</c>, LaMP-3 <c>text</c>/<c>score</c>, LaMP-5 <c>title</c>/<c>abstract</c>).</summary>
/// <param name="Id">The item id.</param>
/// <param name="Fields">Every string or number field of the item other than <c>id</c>, as text.</param>
public sealed record LampProfileItem(string Id, IReadOnlyDictionary<string, string> Fields);
