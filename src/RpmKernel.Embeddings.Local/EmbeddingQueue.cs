using System.Diagnostics;

namespace RpmKernel.Embeddings.Local;

/// <summary>
/// One queue of texts shared by every concurrent caller, drained by up to <c>workers</c> workers that
/// each encode up to <c>batchSize</c> texts per model call, whoever they belong to. Concurrent ingest
/// batches then share model calls instead of queueing behind a lock one batch at a time. Each worker has
/// an encoder of its own (the encoder is not documented as thread-safe), so a worker slot is used by one
/// thread at a time. The first worker runs only while there is work; another starts only while texts are
/// still queued after a worker took its call (a backlog), so a lone query never loads a second encoder.
/// Each call takes the oldest text and the queued texts nearest to it in length
/// (<see cref="LengthMatchedBatch"/>), so little of the model's work goes to padding; a request of one text
/// (a query, not a bulk batch) goes ahead of the bulk in a call of its own. A query that finds the queue
/// idle is encoded on its caller's thread instead (<see cref="TryEncodeHere"/>): no hand-off to a worker and back.
/// </summary>
internal sealed class EmbeddingQueue
{
    private readonly Func<int, string[], float[][]> _encode;
    private readonly int _batchSize;
    private readonly int _window;
    private readonly Task?[] _workers;
    private readonly List<(EmbeddingRequest Request, int Index)> _pending = [];
    private readonly Lock _lock = new();
    private bool _closed;
    private int _encodedTexts;

    /// <param name="encode">Runs the model on one call's texts and returns a vector per text, in order (one thread at a time).</param>
    /// <param name="batchSize">The most texts per call.</param>
    /// <param name="windowBatches">How many calls' worth of the oldest queued texts a call is chosen from (1: arrival order).</param>
    internal EmbeddingQueue(Func<string[], float[][]> encode, int batchSize, int windowBatches = LengthMatchedBatch.WindowBatches)
        : this((_, texts) => encode(texts), batchSize, workers: 1, windowBatches)
    {
    }

    /// <param name="encode">Runs the model of worker slot (0 to <paramref name="workers"/> − 1) on one call's texts; one thread at a time per slot.</param>
    /// <param name="batchSize">The most texts per call.</param>
    /// <param name="workers">The most calls running at once, each on its own slot.</param>
    /// <param name="windowBatches">How many calls' worth of the oldest queued texts a call is chosen from (1: arrival order).</param>
    internal EmbeddingQueue(Func<int, string[], float[][]> encode, int batchSize, int workers, int windowBatches = LengthMatchedBatch.WindowBatches)
    {
        _encode = encode;
        _batchSize = batchSize;
        _window = batchSize * windowBatches;
        _workers = new Task?[Math.Max(1, workers)];
    }

    /// <summary>Texts sent to the model so far (for tests of the cache).</summary>
    internal int EncodedTexts => Volatile.Read(ref _encodedTexts);

    /// <summary>Called after each model call with (slot, texts, started, finished) as <see cref="Stopwatch"/> timestamps (for the benchmarks' timelines).</summary>
    internal Action<int, int, long, long>? Observer { get; set; }

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

            if (Array.TrueForAll(_workers, w => w is null))
            {
                StartWorker();
            }
        }
    }

    /// <summary>
    /// Encodes a one-text request (a query) on the calling thread when no worker runs and nothing is queued: the
    /// caller holds the first slot for that one call, so a personalize call's embedding starts and ends on the
    /// thread that asked for it. Texts queued meanwhile wait for it, as they wait for a worker's call, and are
    /// drained by a worker started when it ends. False (nothing done) when the queue is busy or the request is
    /// bulk; then <see cref="Enqueue"/> it.
    /// </summary>
    internal bool TryEncodeHere(EmbeddingRequest request)
    {
        if (request.Texts.Length != 1)
        {
            return false;
        }

        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_pending.Count > 0 || !Array.TrueForAll(_workers, w => w is null))
            {
                return false;
            }

            _workers[0] = held.Task;
        }

        try
        {
            Encode(0, [(request, 0)]);
        }
        finally
        {
            lock (_lock)
            {
                _workers[0] = null;
                if (_pending.Count > 0 && !_closed)
                {
                    StartWorker();
                }
            }

            held.SetResult();
        }

        return true;
    }

    /// <summary>Refuses new work, fails what is queued, and waits for the calls being encoded.</summary>
    internal void Close()
    {
        Task[] workers;
        lock (_lock)
        {
            _closed = true;
            foreach (var item in _pending)
            {
                item.Request.Fail(new ObjectDisposedException(nameof(MiniLmEmbeddingGenerator)));
            }

            _pending.Clear();
            workers = [.. _workers.OfType<Task>()];
        }

        Task.WaitAll(workers);
    }

    // Under the lock: claims the first free slot and starts its worker.
    private void StartWorker()
    {
        var slot = Array.IndexOf(_workers, null);
        if (slot >= 0)
        {
            _workers[slot] = Task.Run(() => Drain(slot));
        }
    }

    private void Drain(int slot)
    {
        while (true)
        {
            List<(EmbeddingRequest Request, int Index)> batch;
            lock (_lock)
            {
                batch = Take();
                if (batch.Count == 0)
                {
                    _workers[slot] = null;
                    return;
                }

                // A backlog beyond this call: another free slot encodes beside this one.
                if (_pending.Count > 0)
                {
                    StartWorker();
                }
            }

            Encode(slot, batch);
        }
    }

    // Runs one model call on the slot's encoder and hands each text its vector (or the call's failure).
    private void Encode(int slot, List<(EmbeddingRequest Request, int Index)> batch)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var vectors = _encode(slot, [.. batch.Select(b => b.Request.Texts[b.Index])]);
            Observer?.Invoke(slot, batch.Count, started, Stopwatch.GetTimestamp());
            Interlocked.Add(ref _encodedTexts, batch.Count);
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

    // Under the lock: drops what was cancelled or already failed, then removes and returns the next call's texts:
    // the queued one-text requests (queries) in a call of their own, else the length-matched bulk call.
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

        var urgent = new List<int>();
        for (var i = 0; i < _pending.Count && urgent.Count < _batchSize; i++)
        {
            if (_pending[i].Request.Texts.Length == 1)
            {
                urgent.Add(i);
            }
        }

        int[] picked;
        if (urgent.Count > 0)
        {
            picked = [.. urgent];
        }
        else
        {
            var window = Math.Min(_pending.Count, _window);
            var lengths = new int[window];
            for (var i = 0; i < window; i++)
            {
                lengths[i] = _pending[i].Request.Texts[_pending[i].Index].Length;
            }

            picked = LengthMatchedBatch.Pick(lengths, _batchSize);
        }

        var batch = picked.Select(i => _pending[i]).ToList();
        for (var p = picked.Length - 1; p >= 0; p--)
        {
            _pending.RemoveAt(picked[p]);
        }

        return batch;
    }
}
