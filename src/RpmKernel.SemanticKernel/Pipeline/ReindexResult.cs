namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>What <c>reindex</c> did.</summary>
/// <param name="Users">Users whose records were re-embedded.</param>
/// <param name="Records">Records re-embedded.</param>
/// <param name="EmbeddingModel">The embedding model now in the records.</param>
/// <param name="Dimensions">The embedding dimension now in the records (0 when there were none).</param>
/// <param name="PreviousDimensions">The dimensions the records had before (0 = not recorded).</param>
/// <param name="Rebuilt">Whether the collection was dropped and recreated for a new dimension.</param>
public sealed record ReindexResult(int Users, int Records, string EmbeddingModel, int Dimensions, IReadOnlyList<int> PreviousDimensions, bool Rebuilt);
