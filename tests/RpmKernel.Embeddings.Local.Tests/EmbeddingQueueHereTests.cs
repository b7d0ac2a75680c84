using System.Collections.Concurrent;

namespace RpmKernel.Embeddings.Local.Tests;

/// <summary>
/// A query that finds the queue idle is encoded on its caller's thread (no hand-off to a worker and back);
/// a busy queue, a bulk request or a failing model keeps the queue's behaviour.
/// </summary>
public sealed class EmbeddingQueueHereTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_query_on_an_idle_queue_is_encoded_on_the_calling_thread_and_done_on_return()
    {
        var threads = new ConcurrentBag<int>();
        var queue = new EmbeddingQueue(texts =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            return Vectors(texts);
        }, batchSize: 4);

        var query = new EmbeddingRequest(["what would this user pick?"], CancellationToken.None);

        Assert.True(queue.TryEncodeHere(query));
        Assert.True(query.Completion.IsCompletedSuccessfully);
        Assert.Equal([Environment.CurrentManagedThreadId], threads);
        Assert.Equal("what would this user pick?".Length, query.Vectors[0][0]);
        Assert.Equal(1, queue.EncodedTexts);
    }

    [Fact]
    public void A_bulk_request_is_not_encoded_here()
    {
        var queue = new EmbeddingQueue(_ => throw new InvalidOperationException("nothing is encoded here"), batchSize: 4);

        Assert.False(queue.TryEncodeHere(new EmbeddingRequest(["a", "b"], CancellationToken.None)));
        Assert.Equal(0, queue.EncodedTexts);
    }

    [Fact]
    public async Task A_query_while_a_worker_encodes_is_left_to_the_queue()
    {
        using var firstCallStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var queue = new EmbeddingQueue(texts =>
        {
            firstCallStarted.Set();
            release.Wait(s_wait);
            return Vectors(texts);
        }, batchSize: 4);
        var bulk = new EmbeddingRequest(["bulk 0", "bulk 1", "bulk 2", "bulk 3"], CancellationToken.None);
        queue.Enqueue(bulk);
        Assert.True(firstCallStarted.Wait(s_wait));

        var query = new EmbeddingRequest(["a query"], CancellationToken.None);
        Assert.False(queue.TryEncodeHere(query));
        Assert.False(query.Completion.IsCompleted);

        queue.Enqueue(query);
        release.Set();
        await Task.WhenAll(bulk.Completion, query.Completion).WaitAsync(s_wait);
        Assert.Equal("a query".Length, query.Vectors[0][0]);
    }

    [Fact]
    public async Task Texts_queued_while_the_caller_encodes_wait_for_it_then_a_worker_drains_them()
    {
        using var hereStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var running = 0;
        var overlapped = false;
        var calls = new ConcurrentQueue<string[]>();
        var queue = new EmbeddingQueue(texts =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            calls.Enqueue(texts);
            if (texts[0] == "the query")
            {
                hereStarted.Set();
                release.Wait(s_wait);
            }

            Interlocked.Decrement(ref running);
            return Vectors(texts);
        }, batchSize: 4);

        var query = new EmbeddingRequest(["the query"], CancellationToken.None);
        var here = Task.Factory.StartNew(() => queue.TryEncodeHere(query), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(hereStarted.Wait(s_wait));
        var bulk = new EmbeddingRequest(["bulk 0", "bulk 1", "bulk 2"], CancellationToken.None);
        queue.Enqueue(bulk);
        await Task.Delay(50);
        Assert.Single(calls);

        release.Set();
        Assert.True(await here.WaitAsync(s_wait));
        await bulk.Completion.WaitAsync(s_wait);
        Assert.False(overlapped, "two model calls ran on the one encoder at once");
        Assert.Equal([["the query"], ["bulk 0", "bulk 1", "bulk 2"]], calls);
        Assert.Equal(bulk.Texts.Select(t => (float)t.Length), bulk.Vectors.Select(v => v[0]));
    }

    [Fact]
    public async Task A_failing_model_call_here_fails_the_query()
    {
        var queue = new EmbeddingQueue(_ => throw new InvalidOperationException("model broke"), batchSize: 4);
        var query = new EmbeddingRequest(["a query"], CancellationToken.None);

        Assert.True(queue.TryEncodeHere(query));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => query.Completion);
        Assert.Equal("model broke", error.Message);

        // The slot was given back: the next query is encoded here too.
        Assert.True(queue.TryEncodeHere(new EmbeddingRequest(["another"], CancellationToken.None)));
    }

    [Fact]
    public void A_closed_queue_refuses_a_query_here()
    {
        var queue = new EmbeddingQueue(Vectors, batchSize: 4);
        queue.Close();

        Assert.Throws<ObjectDisposedException>(() => queue.TryEncodeHere(new EmbeddingRequest(["a query"], CancellationToken.None)));
    }

    private static float[][] Vectors(string[] texts) => [.. texts.Select(t => new float[] { t.Length })];
}
