namespace RpmKernel.SemanticKernel.Options;

/// <summary>Where feature-text embeddings come from.</summary>
public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 on ONNX, in process: no network, no key.</summary>
    Local,

    /// <summary>An OpenAI (or OpenAI-compatible) embeddings endpoint.</summary>
    OpenAI,
}
