namespace RpmKernel.Embeddings.Local.Tests;

/// <summary>The next model call takes the oldest queued text and the ones nearest to it in length, so calls pad little.</summary>
public sealed class LengthMatchedBatchTests
{
    [Fact]
    public void The_oldest_text_goes_with_the_ones_nearest_to_its_length()
    {
        // Head 10; distances 30, 1, 20, 0, 2, 10 → the three nearest are positions 4 (0), 2 (1), 5 (2).
        var picked = LengthMatchedBatch.Pick([10, 40, 11, 30, 10, 12, 20], batchSize: 4);

        Assert.Equal([0, 2, 4, 5], picked);
    }

    [Fact]
    public void On_a_tie_the_older_text_goes()
    {
        var picked = LengthMatchedBatch.Pick([50, 5, 45, 55, 45], batchSize: 3);

        Assert.Equal([0, 2, 3], picked);
    }

    [Fact]
    public void A_window_that_fits_one_call_goes_whole()
        => Assert.Equal([0, 1, 2], LengthMatchedBatch.Pick([3, 300, 30], batchSize: 3));

    [Fact]
    public async Task The_queue_encodes_texts_of_like_length_together_and_every_caller_gets_its_own_vectors()
    {
        var calls = new List<string[]>();
        var queue = new EmbeddingQueue(texts =>
        {
            calls.Add(texts);
            return [.. texts.Select(t => new float[] { t.Length })];
        }, batchSize: 2);
        string[] texts = ["short", new('l', 40), "tiny!", new('m', 41), "small", new('n', 39), "wee!!", new('o', 42)];
        var request = new EmbeddingRequest(texts, CancellationToken.None);

        queue.Enqueue(request);
        await request.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        // In arrival order every call would pair a short text with a long one.
        Assert.Equal(4, calls.Count);
        Assert.All(calls, call => Assert.True(call.Max(t => t.Length) - call.Min(t => t.Length) <= 3, string.Join(", ", call)));
        Assert.Equal("short", calls[0][0]);
        Assert.Equal(texts.Select(t => (float)t.Length), request.Vectors.Select(v => v[0]));
    }
}
