using Microsoft.Extensions.AI;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Creates the feature-text embedding generator of <c>Rpm:Embeddings</c> and tells any generator's dimension (the store needs it up front).</summary>
internal static class EmbeddingGeneratorFactory
{
    /// <summary>What to do when the local model is configured but not added.</summary>
    public const string LocalNotAddedMessage =
        "Rpm:Embeddings:Provider is Local, but the local embedding model is not added: reference the RpmKernel.Embeddings.Local package and call "
        + "rpm.UseLocalEmbeddings() in AddRpm, or register an IEmbeddingGenerator<string, Embedding<float>> (or call UseEmbeddingGenerator), "
        + "or set Rpm:Embeddings:Provider to OpenAI.";

    /// <summary>The OpenAI (or OpenAI-compatible) embedding generator of <c>Rpm:Embeddings</c>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> FromOptions(RpmOptions options, HttpClient http)
    {
        if (options.Embeddings.Provider == EmbeddingProvider.Local)
        {
            throw new RpmInputException(LocalNotAddedMessage);
        }

        var client = ChatClientFactory.CreateOpenAIClient(options.Embeddings.Endpoint ?? options.Chat.Endpoint, options.Chat.ResolveApiKey(), http);
        return client.GetEmbeddingClient(options.Embeddings.Model).AsIEmbeddingGenerator(options.Embeddings.Dimensions);
    }

    /// <summary>
    /// The dimension of <paramref name="generator"/>'s vectors: what the generator's metadata says, else
    /// <c>Rpm:Embeddings:Dimensions</c>, else the known size of its model.
    /// </summary>
    public static int Dimensions(IEmbeddingGenerator<string, Embedding<float>> generator, RpmEmbeddingOptions options)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var model = metadata?.DefaultModelId ?? options.Model;
        return metadata?.DefaultModelDimensions ?? options.Dimensions ?? KnownDimensions(model)
            ?? throw new RpmInputException($"The dimension of embedding model '{model}' is not known; set Rpm:Embeddings:Dimensions.");
    }

    private static int? KnownDimensions(string model) => model switch
    {
        "text-embedding-3-small" or "text-embedding-ada-002" => 1536,
        "text-embedding-3-large" => 3072,
        _ => null,
    };
}
