using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>A test embedding: one dimension per known word, so cosine similarity is word overlap.</summary>
internal sealed class WordEmbeddingGenerator(params string[] vocabulary) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions => vocabulary.Length;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var words = value.ToLowerInvariant().Split([' ', ':', ';', ','], StringSplitOptions.RemoveEmptyEntries);
            var vector = vocabulary.Select(v => (float)words.Count(w => w == v)).ToArray();
            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
