using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Embeddings.Local.Tests;

/// <summary>The model can be loaded in the background before the first call; a generator disposed meanwhile releases it.</summary>
public sealed class MiniLmPreloadTests
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Start_loading_loads_the_model_without_a_call_and_the_first_call_uses_it()
    {
        using var generator = new MiniLmEmbeddingGenerator(cacheEntries: 0);
        Assert.False(generator.IsModelLoaded);

        ((IPreloadingEmbeddingGenerator)generator).StartLoading();
        ((IPreloadingEmbeddingGenerator)generator).StartLoading();
        await WaitUntilAsync(() => generator.IsModelLoaded);

        Assert.Equal(0, generator.EncodedTexts);
        var embedding = await generator.GenerateAsync(["genre: sci-fi"]);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embedding[0].Vector.Length);
        Assert.Equal(1, generator.EncodedTexts);
    }

    [Fact]
    public async Task A_generator_disposed_while_its_model_loads_refuses_calls_and_releases_the_model_once_loaded()
    {
        var generator = new MiniLmEmbeddingGenerator(cacheEntries: 0);
        ((IPreloadingEmbeddingGenerator)generator).StartLoading();
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["genre: sci-fi"]));
        await WaitUntilAsync(() => generator.IsModelLoaded && generator.IsModelReleased);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(LoadTimeout);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
