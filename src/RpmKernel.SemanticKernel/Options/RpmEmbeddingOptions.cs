namespace RpmKernel.SemanticKernel.Options;

/// <summary>The embedding generator for feature text.</summary>
public sealed class RpmEmbeddingOptions
{
    /// <summary><c>Local</c> (all-MiniLM-L6-v2, 384 dimensions, no network) or <c>OpenAI</c>.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>The embedding model id for <c>OpenAI</c>.</summary>
    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>The embedding dimension for <c>OpenAI</c>; null keeps the model's default.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Base URL of an OpenAI-compatible embeddings server; null uses <see cref="RpmChatOptions.Endpoint"/>.</summary>
    public Uri? Endpoint { get; set; }
}
