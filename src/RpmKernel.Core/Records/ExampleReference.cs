namespace RpmKernel.Core.Records;

/// <summary>Which history item was used as an example, and how similar it was.</summary>
/// <param name="ItemId">The history item id.</param>
/// <param name="Score">Cosine similarity of its feature text to the query's.</param>
public sealed record ExampleReference(string ItemId, double Score)
{
    /// <summary>The past item's query, so a reader sees what the example was about; null when not known.</summary>
    public string? Query { get; init; }
}
