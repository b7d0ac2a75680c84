namespace RpmKernel.Core.Records;

/// <summary>A record returned by feature-based retrieval with its cosine similarity.</summary>
/// <param name="Record">The stored record.</param>
/// <param name="Score">Cosine similarity between the query's and the record's feature-text embeddings.</param>
public sealed record ScoredRecord(ReasoningRecord Record, double Score);
