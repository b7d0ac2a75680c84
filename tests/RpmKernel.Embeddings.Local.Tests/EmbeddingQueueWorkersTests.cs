using System.Collections.Concurrent;

namespace RpmKernel.Embeddings.Local.Tests;

/// <summary>
/// The queue runs a second model call beside the first only while texts are still queued (a bulk backlog), each on
/// its own slot, and a one-text request (a query) goes ahead of the bulk texts queued before it.
/// </summary>
public sealed class EmbeddingQueueWorkersTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_lone_request_uses_only_the_first_slot()
    {
        var slots = new ConcurrentBag<int>();
        var queue = new EmbeddingQueue((slot, texts) =>
        {
            slots.Add(slot);
            return Vectors(texts);
        }, batchSize: 4, workers: 2);

        for (var i = 0; i < 3; i++)
        {
            var request = new EmbeddingRequest([$"query {i}"], CancellationToken.None);
            queue.Enqueue(request);
            await request.Completion.WaitAsync(s_wait);
        }

        Assert.Equal([0, 0, 0], slots);
    }

    [Fact]
    public async Task A_backlog_runs_a_second_call_on_its_own_slot_beside_the_first()
    {
        using var firstCallStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var running = new ConcurrentDictionary<int, int>();
        var beside = new ConcurrentBag<(int Slot, int OthersRunning)>();
        var queue = new EmbeddingQueue((slot, texts) =>
        {
            Assert.True(running.TryAdd(slot, 0), $"slot {slot} ran two calls at once");
            beside.Add((slot, running.Count - 1));
            if (slot == 0)
            {
                firstCallStarted.Set();
                release.Wait(s_wait);
            }

            running.TryRemove(slot, out _);
            return Vectors(texts);
        }, batchSize: 4, workers: 2);

        var bulk = new EmbeddingRequest([.. Enumerable.Range(0, 12).Select(i => $"bulk text {i}")], CancellationToken.None);
        queue.Enqueue(bulk);
        Assert.True(firstCallStarted.Wait(s_wait));

        // Slot 0 is held inside its first call; the rest of the backlog is encoded by slot 1 meanwhile.
        await WaitUntilAsync(() => beside.Count(b => b.Slot == 1) >= 2);
        Assert.Contains(beside, b => b.Slot == 1 && b.OthersRunning == 1);
        release.Set();
        await bulk.Completion.WaitAsync(s_wait);

        Assert.Equal(bulk.Texts.Select(t => (float)t.Length), bulk.Vectors.Select(v => v[0]));
    }

    [Fact]
    public async Task A_one_text_request_goes_ahead_of_the_bulk_queued_before_it()
    {
        using var firstCallStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var calls = new ConcurrentQueue<string[]>();
        var queue = new EmbeddingQueue(texts =>
        {
            calls.Enqueue(texts);
            firstCallStarted.Set();
            release.Wait(s_wait);
            return Vectors(texts);
        }, batchSize: 4);

        var first = new EmbeddingRequest(["bulk 0", "bulk 1", "bulk 2", "bulk 3"], CancellationToken.None);
        queue.Enqueue(first);
        Assert.True(firstCallStarted.Wait(s_wait));
        var queued = new EmbeddingRequest([.. Enumerable.Range(4, 8).Select(i => $"bulk {i}")], CancellationToken.None);
        queue.Enqueue(queued);
        var query = new EmbeddingRequest(["what would this user pick?"], CancellationToken.None);
        queue.Enqueue(query);
        release.Set();

        await Task.WhenAll(first.Completion, queued.Completion, query.Completion).WaitAsync(s_wait);
        var order = calls.ToArray();
        Assert.Equal(4, order.Length);
        Assert.Equal(["what would this user pick?"], order[1]);
        Assert.Equal(8, order.Skip(2).Sum(c => c.Length));
        Assert.Equal("what would this user pick?".Length, query.Vectors[0][0]);
    }

    [Fact]
    public async Task The_generator_loads_a_second_encoder_only_for_a_backlog_and_its_vectors_match_the_first()
    {
        using var generator = new MiniLmEmbeddingGenerator(batchSize: 4, modelId: null, cacheEntries: 0, workers: 2);
        var query = await generator.GenerateAsync(["which film would this user rate highest?"]);
        Assert.Equal(1, generator.LoadedEncoders);

        string[] texts = [.. Enumerable.Range(0, 96).Select(i => $"feature {i}: a {(i % 2 == 0 ? "slow drama" : "fast comedy")} of {i} parts")];

        // The second worker starts while the first encodes; if the first drained the backlog before the thread pool ran
        // it (a busy machine), the next backlog gives it another chance.
        var bulk = await generator.GenerateAsync(texts);
        for (var attempt = 0; attempt < 5 && generator.LoadedEncoders < 2; attempt++)
        {
            bulk = await generator.GenerateAsync(texts);
        }

        Assert.Equal(2, generator.LoadedEncoders);

        using var alone = new MiniLmEmbeddingGenerator(batchSize: 4, modelId: null, cacheEntries: 0, workers: 1);
        var expected = await alone.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            // Unit vectors: the dot product is the cosine.
            var cosine = VectorMath.Dot(expected[i].Vector.Span, bulk[i].Vector.Span);
            Assert.True(cosine > 0.9999, $"text {i}: cosine {cosine} between one and two workers");
        }

        Assert.Equal(384, query[0].Vector.Length);
    }

    private static float[][] Vectors(string[] texts) => [.. texts.Select(t => new float[] { t.Length })];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the queue did not get there in time");
            await Task.Delay(10);
        }
    }
}
