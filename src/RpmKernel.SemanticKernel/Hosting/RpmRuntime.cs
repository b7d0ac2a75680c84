using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.ChatClients;
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
/// Everything RPM runs on: the prompt library (checked at start-up), the chat client under its
/// decorators, the embedding generator, the stores and the pipeline. Each comes from the host when
/// it has one (<see cref="RpmHostServices"/>), else from <see cref="RpmOptions"/>.
/// </summary>
internal sealed class RpmRuntime : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private RpmRuntime(RpmOptions options, RpmHostServices host, TimeProvider time)
    {
        RpmOptionsValidator.Validate(options);
        Options = options;
        Prompts = PromptLibrary.Load(options.Prompts);
        var loggerFactory = host.LoggerFactory;

        // The resilient HttpClient is built only for a model or embeddings made from the options, not for the host's,
        // and a connector made from the options only on its first call (a command that calls no model builds neither).
        var batchApi = BatchApiTransport.Create(options, host, time, loggerFactory);
        var http = new Lazy<HttpClient>(() => Own(ModelHttpClientFactory.Create(options.Chat, loggerFactory, host.OnModelRetry, batchApi)));
        HttpClient Http() => http.Value;
        var deferred = new List<DeferredChatClient>();
        IChatClient Connector(RpmChatOptions chat)
        {
            ChatClientFactory.ThrowIfIncomplete(chat);
            var connector = new DeferredChatClient(() => Own(ChatClientFactory.FromOptions(chat, Http(), loggerFactory)), ChatClientFactory.MetadataOf(chat));
            deferred.Add(connector);
            return connector;
        }

        void PrepareModel()
        {
            foreach (var client in deferred)
            {
                client.Prepare();
            }
        }

        try
        {
            var model = host.ChatClient is { } borrowed ? new BorrowedChatClient(borrowed)
                : ChatClientFactory.IsConfigured(options.Chat) ? Connector(options.Chat)
                : null;
            Embeddings = host.Embeddings ?? Own(EmbeddingGeneratorFactory.FromOptions(options, Http()));
            var dimensions = EmbeddingGeneratorFactory.Dimensions(Embeddings, options.Embeddings);
            Storage = Own(host.ReasoningStore is { } store
                ? HostVectorStores.Open(store, host.StateStore, dimensions)
                : OpenStorage(options, dimensions, loggerFactory));
            ModelId = model?.GetService<ChatClientMetadata>()?.DefaultModelId ?? options.Chat.Model;
            var stageClients = StageChatClients.Select(options.Chat, host, model, Connector);
            var recorder = new StageCallRecorder(Storage.Usage, stageClients.Map, time);
            if (stageClients.HasModel)
            {
                var decorated = new DeferredChatClient(() => stageClients.Decorate(recorder, loggerFactory, Own)!);
                deferred.Add(decorated);
                ChatClient = decorated;
            }

            var cache = options.Cache.Enabled ? new ResponseCache(Storage.Cache, time, stageClients.Map) : null;
            var kernels = Kernels = new StageKernels(() => DefaultKernel(host), cache is null ? null : new ResponseCacheFilter(cache, recorder));
            var invoker = Invoker = new StageInvoker(kernels, Prompts, stageClients.Map, cache, recorder, () => ChatClient is not null, loggerFactory?.CreateLogger<StageInvoker>(), PrepareModel);
            Pipeline = new RpmPipeline(kernels, invoker, Embeddings, Storage, options, time, loggerFactory);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The options in force.</summary>
    public RpmOptions Options { get; }

    /// <summary>The prompt library in use.</summary>
    public PromptLibrary Prompts { get; }

    /// <summary>The id of the shared chat model (the one of stages without their own).</summary>
    public string ModelId { get; }

    /// <summary>Each prompt stage with the model it calls and where that comes from (setting or host registration), in pipeline order.</summary>
    public IReadOnlyList<StageModel> StageModels => Invoker.Models.Models;

    /// <summary>RPM's chat client (the model under the stage-call decorators), or null when no model is configured.</summary>
    public IChatClient? ChatClient { get; }

    /// <summary>The stores in use (reasoning records, user models, response cache, usage ledger).</summary>
    public RpmStorage Storage { get; }

    /// <summary>The embedding generator of the feature texts.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings { get; }

    /// <summary>The pipeline.</summary>
    public RpmPipeline Pipeline { get; }

    /// <summary>The invoker of the prompt stages (the evaluation's baselines use it too).</summary>
    internal StageInvoker Invoker { get; }

    /// <summary>The kernels the stages run on (tests compose a pipeline over other stores with them).</summary>
    internal StageKernels Kernels { get; }

    /// <summary>Composes the runtime from options alone; configuration errors are raised as <see cref="RpmInputException"/>.</summary>
    public static RpmRuntime Create(RpmOptions options, ILoggerFactory? loggerFactory = null) =>
        Create(options, new RpmHostServices { LoggerFactory = loggerFactory });

    /// <summary>Composes the runtime from the host's services where given, else from options.</summary>
    internal static RpmRuntime Create(RpmOptions options, RpmHostServices host, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        return new RpmRuntime(options, host, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        IDisposable[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        for (var i = owned.Length - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }
    }

    // Deferred clients are built on whichever thread calls first, so the list is shared.
    private T Own<T>(T disposable)
        where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(disposable);
        }

        return disposable;
    }

    /// <summary>
    /// The kernel of stage calls not made through a host kernel: a kernel over the host's service
    /// provider (its registered filters and logging) when RPM lives in one, else RPM's own.
    /// </summary>
    private Kernel DefaultKernel(RpmHostServices host)
    {
        if (host.Services is { } services)
        {
            return services.GetService<Kernel>() is { } registered && StageKernels.HasRpmChatClient(registered) ? registered : new Kernel(services);
        }

        var own = new ServiceCollection();
        if (host.LoggerFactory is { } loggerFactory)
        {
            own.AddSingleton(loggerFactory);
        }

        if (ChatClient is { } chat)
        {
            own.AddKeyedSingleton(StageKernels.ChatClientKey, chat);
        }

        return new Kernel(own.BuildServiceProvider());
    }

    private static RpmStorage OpenStorage(RpmOptions options, int dimensions, ILoggerFactory? loggerFactory) => options.Store.Provider switch
    {
        StoreProvider.Sqlite => SqliteStores.Open(Path.GetFullPath(options.Store.Sqlite.Path), dimensions),
        StoreProvider.Qdrant => QdrantStores.Open(RpmOptionsValidator.QdrantStoreOptions(options.Store.Qdrant), dimensions, loggerFactory),
        StoreProvider.InMemory => InMemoryStores.Open(dimensions),
        _ => throw new RpmInputException(
            $"Rpm:Store:Provider '{options.Store.Provider}' is not known; use Sqlite (the embedded default), Qdrant or InMemory."),
    };
}
