using Microsoft.Extensions.AI;

namespace RpmKernel.Storage.Tests.Fakes;

/// <summary>Embeds a text as (length, 1, 0, ...) under a given model id and counts the texts it was asked for.</summary>
public sealed class CountingEmbeddingGenerator(string modelId, int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _texts;

    public int Texts => _texts;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = values.Select(text =>
        {
            Interlocked.Increment(ref _texts);
            var vector = new float[dimensions];
            (vector[0], vector[1]) = (text.Length, 1);
            return new Embedding<float>(vector);
        });
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings.ToList()));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("counting", null, modelId, dimensions) : null;

    public void Dispose()
    {
    }
}
