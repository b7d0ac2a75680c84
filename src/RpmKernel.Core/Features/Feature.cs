namespace RpmKernel.Core.Features;

/// <summary>A response-influencing part of a query, with the factor it points to.</summary>
/// <param name="Name">A short name for the feature.</param>
/// <param name="Context">The span of the query or its paraphrase that shows the feature.</param>
/// <param name="Factor">The proposed factor label (ingest) or canonical factor name (personalize).</param>
public sealed record Feature(string Name, string Context, string Factor);
