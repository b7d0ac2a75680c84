namespace RpmKernel.Core.Records;

/// <summary>Which history item was used as an example, and how similar it was.</summary>
/// <param name="ItemId">The history item id.</param>
/// <param name="Score">Cosine similarity of its feature text to the query's.</param>
public sealed record ExampleReference(string ItemId, double Score);
