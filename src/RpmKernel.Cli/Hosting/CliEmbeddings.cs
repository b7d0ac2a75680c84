using Microsoft.Extensions.AI;
using RpmKernel.Embeddings.Local;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Hosting;

/// <summary>The embedding model of <c>rpmk</c>: the local MiniLM model when <c>Rpm:Embeddings:Provider</c> is <c>Local</c> (the default).</summary>
internal static class CliEmbeddings
{
    /// <summary>The local generator, or null to let <c>Rpm:Embeddings</c> build the OpenAI one.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? For(RpmOptions options) =>
        options.Embeddings.Provider == EmbeddingProvider.Local ? new MiniLmEmbeddingGenerator() : null;
}
