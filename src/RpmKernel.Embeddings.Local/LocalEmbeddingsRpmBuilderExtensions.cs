using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Embeddings.Local;

/// <summary>Adds the local all-MiniLM-L6-v2 embedding model to RpmKernel.</summary>
public static class LocalEmbeddingsRpmBuilderExtensions
{
    /// <summary>
    /// Embeds feature texts with <see cref="MiniLmEmbeddingGenerator"/> (384 dimensions, on this machine:
    /// no network, no key) instead of the host's or <c>Rpm:Embeddings</c>' generator.
    /// </summary>
    /// <param name="rpm">The builder given to <c>AddRpm</c>.</param>
    public static RpmBuilder UseLocalEmbeddings(this RpmBuilder rpm)
    {
        ArgumentNullException.ThrowIfNull(rpm);
        return rpm.UseEmbeddingGenerator(_ => new MiniLmEmbeddingGenerator());
    }
}
