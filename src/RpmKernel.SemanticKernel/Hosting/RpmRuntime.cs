using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.Storage;
using RpmKernel.Storage.InMemory;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// Everything RPM runs on, composed from <see cref="RpmOptions"/>: the prompt library (checked at
/// start-up), the chat kernel, the embedding generator, the stores and the pipeline.
/// </summary>
public sealed class RpmRuntime : IDisposable
{
    private readonly RpmStorage _storage;
    private readonly StageInvoker _invoker;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly HttpClient _http;

    private RpmRuntime(RpmOptions options, ILoggerFactory? loggerFactory)
    {
        RpmOptionsValidator.Validate(options);
        Options = options;
        Prompts = PromptLibrary.Load(options.Prompts);
        _http = ModelHttpClientFactory.Create(options.Chat, loggerFactory);
        try
        {
            Kernel = ChatKernelFactory.Create(options.Chat, _http, loggerFactory);
            (_embeddings, var dimensions) = EmbeddingGeneratorFactory.Create(options, _http);
            _storage = OpenStorage(options, dimensions, _embeddings);
        }
        catch
        {
            _http.Dispose();
            throw;
        }

        _invoker = new StageInvoker(
            Kernel,
            Prompts,
            options.Chat,
            loggerFactory?.CreateLogger<StageInvoker>(),
            options.Cache.Enabled ? _storage.Cache : null,
            _storage.Usage);
        Pipeline = new RpmPipeline(Kernel, _invoker, _embeddings, _storage, options);
    }

    /// <summary>The options in force.</summary>
    public RpmOptions Options { get; }

    /// <summary>The prompt library in use.</summary>
    public PromptLibrary Prompts { get; }

    /// <summary>The kernel whose chat service is the RPM model.</summary>
    public Kernel Kernel { get; }

    /// <summary>The stores in use (reasoning records, user models, response cache, usage ledger).</summary>
    public RpmStorage Storage => _storage;

    /// <summary>The embedding generator of the feature texts.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings => _embeddings;

    /// <summary>The pipeline.</summary>
    public RpmPipeline Pipeline { get; }

    /// <summary>Composes the runtime; configuration errors are raised as <see cref="RpmInputException"/>.</summary>
    public static RpmRuntime Create(RpmOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RpmRuntime(options, loggerFactory);
    }

    private static RpmStorage OpenStorage(RpmOptions options, int dimensions, IDisposable embeddings)
    {
        try
        {
            return options.Store.Provider switch
            {
                StoreProvider.Sqlite => SqliteStores.Open(Path.GetFullPath(options.Store.Sqlite.Path), dimensions),
                StoreProvider.Qdrant => QdrantStores.Open(RpmOptionsValidator.QdrantStoreOptions(options.Store.Qdrant), dimensions),
                StoreProvider.InMemory => InMemoryStores.Open(dimensions),
                _ => throw new RpmInputException(
                    $"Rpm:Store:Provider '{options.Store.Provider}' is not known; use Sqlite (the embedded default), Qdrant or InMemory."),
            };
        }
        catch
        {
            embeddings.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _invoker.Dispose();
        _storage.Dispose();
        _embeddings.Dispose();
        _http.Dispose();
    }
}
