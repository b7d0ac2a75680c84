using Microsoft.Extensions.AI;

namespace RpmKernel.Embeddings.Local.Tests;

/// <summary>Concurrent callers share one queue and get exactly what they would alone; a text already embedded is not encoded again.</summary>
public sealed class MiniLmQueueAndCacheTests
{
    [Fact]
    public async Task Concurrent_callers_get_the_vectors_of_their_own_texts_in_order()
    {
        using var alone = new MiniLmEmbeddingGenerator(cacheEntries: 0);
        using var shared = new MiniLmEmbeddingGenerator(batchSize: 5, cacheEntries: 0);
        var calls = Enumerable.Range(0, 6).Select(c => Enumerable.Range(0, 3 + c).Select(i => $"caller {c} text {i} about {(i % 2 == 0 ? "films" : "books")}").ToArray()).ToArray();

        var expected = new List<float[][]>();
        foreach (var texts in calls)
        {
            expected.Add([.. (await alone.GenerateAsync(texts)).Select(e => e.Vector.ToArray())]);
        }

        var actual = await Task.WhenAll(calls.Select(texts => shared.GenerateAsync(texts)));

        for (var c = 0; c < calls.Length; c++)
        {
            Assert.Equal(calls[c].Length, actual[c].Count);
            for (var i = 0; i < calls[c].Length; i++)
            {
                Assert.Equal(expected[c][i], actual[c][i].Vector.ToArray(), new ToleranceComparer(1e-5f));
            }
        }
    }

    [Fact]
    public async Task A_text_embedded_before_or_twice_in_one_call_is_encoded_once()
    {
        using var generator = new MiniLmEmbeddingGenerator(cacheEntries: 2);

        var first = await generator.GenerateAsync(["genre: sci-fi", "genre: sci-fi", "mood: dark"]);
        Assert.Equal(2, generator.EncodedTexts);
        Assert.Equal(first[0].Vector.ToArray(), first[1].Vector.ToArray());

        var again = await generator.GenerateAsync(["mood: dark", "genre: sci-fi"]);
        Assert.Equal(2, generator.EncodedTexts);
        Assert.Equal(first[2].Vector.ToArray(), again[0].Vector.ToArray());
        Assert.Equal("all-MiniLM-L6-v2", again[0].ModelId);

        // A third text pushes the least recently used one ("mood: dark") out of a two-entry cache.
        await generator.GenerateAsync(["length: short"]);
        await generator.GenerateAsync(["mood: dark"]);
        Assert.Equal(4, generator.EncodedTexts);
    }

    [Fact]
    public void A_negative_cache_size_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmEmbeddingGenerator(cacheEntries: -1));

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
