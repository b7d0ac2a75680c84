using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>A test embedding: a random unit vector seeded by the text's hash, so equal texts embed equally and fast.</summary>
internal sealed class RandomEmbeddingGenerator(int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions => dimensions;

    public float[] Embed(string text)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
        var random = new Random(seed);
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        var length = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / length).ToArray();
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("random", defaultModelId: $"random-{dimensions}", defaultModelDimensions: dimensions) : null;

    public void Dispose()
    {
    }
}
