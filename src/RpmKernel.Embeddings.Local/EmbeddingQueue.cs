namespace RpmKernel.Embeddings.Local;

/// <summary>
/// One queue of texts shared by every concurrent caller, drained by a single worker that encodes
/// up to <c>batchSize</c> texts per model call, whoever they belong to. Concurrent ingest batches
/// then share model calls instead of queueing behind a lock one batch at a time, and the encoder
/// (not documented as thread-safe) is still used by one thread at a time. The worker runs only
/// while there is work. Each call takes the oldest text and the queued texts nearest to it in length
/// (<see cref="LengthMatchedBatch"/>), so little of the model's work goes to padding.
/// </summary>
internal sealed class EmbeddingQueue
{
    private readonly Func<string[], float[][]> _encode;
    private readonly int _batchSize;
    private readonly int _window;
    private readonly List<(EmbeddingRequest Request, int Index)> _pending = [];
    private readonly Lock _lock = new();
    private Task? _worker;
    private bool _closed;

    /// <param name="encode">Runs the model on one call's texts (one thread at a time) and returns a vector per text, in order.</param>
    /// <param name="batchSize">The most texts per call.</param>
    /// <param name="windowBatches">How many calls' worth of the oldest queued texts a call is chosen from (1: arrival order).</param>
    internal EmbeddingQueue(Func<string[], float[][]> encode, int batchSize, int windowBatches = LengthMatchedBatch.WindowBatches)
    {
        _encode = encode;
        _batchSize = batchSize;
        _window = batchSize * windowBatches;
    }

    /// <summary>Texts sent to the model so far (for tests of the cache).</summary>
    internal int EncodedTexts { get; private set; }

    /// <summary>Queues every text of <paramref name="request"/>; its <see cref="EmbeddingRequest.Completion"/> tells when they are encoded.</summary>
    internal void Enqueue(EmbeddingRequest request)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            for (var i = 0; i < request.Texts.Length; i++)
            {
                _pending.Add((request, i));
            }

            _worker ??= Task.Run(Drain);
        }
    }

    /// <summary>Refuses new work, fails what is queued, and waits for the batch being encoded.</summary>
    internal void Close()
    {
        Task? worker;
        lock (_lock)
        {
            _closed = true;
            foreach (var item in _pending)
            {
                item.Request.Fail(new ObjectDisposedException(nameof(MiniLmEmbeddingGenerator)));
            }

            _pending.Clear();

            worker = _worker;
        }

        worker?.GetAwaiter().GetResult();
    }

    private void Drain()
    {
        while (true)
        {
            List<(EmbeddingRequest Request, int Index)> batch;
            lock (_lock)
            {
                batch = Take();
                if (batch.Count == 0)
                {
                    _worker = null;
                    return;
                }
            }

            try
            {
                var vectors = _encode([.. batch.Select(b => b.Request.Texts[b.Index])]);
                EncodedTexts += batch.Count;
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Request.Set(batch[i].Index, vectors[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var request in batch.Select(b => b.Request).Distinct())
                {
                    request.Fail(ex);
                }
            }
        }
    }

    // Under the lock: drops what was cancelled or already failed, then removes and returns the next call's texts.
    private List<(EmbeddingRequest Request, int Index)> Take()
    {
        _pending.RemoveAll(item =>
        {
            if (item.Request.CancellationToken.IsCancellationRequested)
            {
                item.Request.Cancel();
                return true;
            }

            return item.Request.IsFinished;
        });

        var window = Math.Min(_pending.Count, _window);
        var lengths = new int[window];
        for (var i = 0; i < window; i++)
        {
            lengths[i] = _pending[i].Request.Texts[_pending[i].Index].Length;
        }

        var picked = LengthMatchedBatch.Pick(lengths, _batchSize);
        var batch = picked.Select(i => _pending[i]).ToList();
        for (var p = picked.Length - 1; p >= 0; p--)
        {
            _pending.RemoveAt(picked[p]);
        }

        return batch;
    }
}
