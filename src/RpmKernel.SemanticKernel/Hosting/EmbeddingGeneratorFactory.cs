using Microsoft.Extensions.AI;
using RpmKernel.Core.Errors;
using RpmKernel.Embeddings.Local;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Creates the feature-text embedding generator and tells its dimension (the store needs it up front).</summary>
internal static class EmbeddingGeneratorFactory
{
    public static (IEmbeddingGenerator<string, Embedding<float>> Generator, int Dimensions) Create(RpmOptions options, HttpClient http)
    {
        if (options.Embeddings.Provider == EmbeddingProvider.Local)
        {
            return (new MiniLmEmbeddingGenerator(), MiniLmEmbeddingGenerator.Dimensions);
        }

        var model = options.Embeddings.Model;
        var dimensions = options.Embeddings.Dimensions ?? KnownDimensions(model)
            ?? throw new RpmInputException($"The dimension of embedding model '{model}' is not known; set Rpm:Embeddings:Dimensions.");
        var client = ChatKernelFactory.CreateOpenAIClient(options.Embeddings.Endpoint ?? options.Chat.Endpoint, options.Chat.ResolveApiKey(), http);
        var generator = client.GetEmbeddingClient(model).AsIEmbeddingGenerator(options.Embeddings.Dimensions);
        return (generator, dimensions);
    }

    private static int? KnownDimensions(string model) => model switch
    {
        "text-embedding-3-small" or "text-embedding-ada-002" => 1536,
        "text-embedding-3-large" => 3072,
        _ => null,
    };
}
