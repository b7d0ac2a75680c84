namespace RpmKernel.Evaluation.Methods;

/// <summary>Where a method's in-context examples come from.</summary>
public enum ExampleSource
{
    /// <summary>No examples (zero-shot).</summary>
    None,

    /// <summary>BM25 over the user's history queries.</summary>
    Bm25,

    /// <summary>Cosine similarity of query-text embeddings.</summary>
    Embedding,
}
