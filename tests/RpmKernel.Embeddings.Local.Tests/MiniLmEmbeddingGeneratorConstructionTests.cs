using Microsoft.Extensions.AI;
using RpmKernel.Embeddings.Local;

namespace RpmKernel.Embeddings.Local.Tests;

public sealed class MiniLmEmbeddingGeneratorConstructionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Batch_size_must_be_positive(int batchSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmEmbeddingGenerator(batchSize));
    }

    [Fact]
    public async Task Custom_model_id_and_default_batch_size_are_reported()
    {
        using var generator = new MiniLmEmbeddingGenerator(modelId: "minilm-custom");

        Assert.Equal("minilm-custom", generator.Metadata.DefaultModelId);
        Assert.Equal(MiniLmEmbeddingGenerator.DefaultBatchSize, generator.BatchSize);

        // Empty input must not need the model, so this stays fast.
        var result = await generator.GenerateAsync([]);
        Assert.Empty(result);
    }

    [Fact]
    public async Task A_disposed_generator_refuses_work_with_ObjectDisposedException()
    {
        var generator = new MiniLmEmbeddingGenerator();
        generator.Dispose();
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["text"]));
    }
}
