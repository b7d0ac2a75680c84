using RpmKernel.Embeddings.Local;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples;

/// <summary>The embedding model of the samples: the local MiniLM model unless the settings choose OpenAI.</summary>
public static class SampleEmbeddings
{
    /// <summary>Adds the local model when <c>Rpm:Embeddings:Provider</c> is <c>Local</c> (the default).</summary>
    public static RpmBuilder UseConfiguredEmbeddings(this RpmBuilder rpm, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(rpm);
        ArgumentNullException.ThrowIfNull(options);
        return options.Embeddings.Provider == EmbeddingProvider.Local ? rpm.UseLocalEmbeddings() : rpm;
    }
}
