using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel.ChatCompletion;
using RpmKernel.SemanticKernel.ChatClients;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// What the host already has and RPM uses instead of building its own from <c>Rpm:*</c>: a chat
/// model, an embedding generator, vector stores, its service provider (filters, logging) and logging.
/// Each is borrowed: RPM never disposes it.
/// </summary>
internal sealed class RpmHostServices
{
    /// <summary>The chat model, or null for <c>Rpm:Chat</c>.</summary>
    public IChatClient? ChatClient { get; init; }

    /// <summary>The chat model of single stages (<see cref="RpmBuilder.UseChatClient(string, Func{IServiceProvider, IChatClient})"/>), keyed by stage; the others use <see cref="ChatClient"/>.</summary>
    public IReadOnlyDictionary<string, IChatClient> StageChatClients { get; init; } = new Dictionary<string, IChatClient>();

    /// <summary>The feature-text embedding generator, or null for <c>Rpm:Embeddings</c>.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; init; }

    /// <summary>The vector store of the reasoning records, or null for <c>Rpm:Store</c>.</summary>
    public VectorStore? ReasoningStore { get; init; }

    /// <summary>The vector store of user models, cache and usage (collections without vectors); null for the reasoning store.</summary>
    public VectorStore? StateStore { get; init; }

    /// <summary>The host's service provider: the stage calls run on a kernel over it, so its filters see them.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>The host's logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Called before each retry of a model call made through the options' HTTP client (the CLI shows it on stderr).</summary>
    public Action<ModelRetry>? OnModelRetry { get; init; }

    /// <summary>Called at each status reading of a submitted Batch API batch (the CLI shows it on stderr).</summary>
    public Action<Batching.BatchProgress>? OnBatchProgress { get; init; }

    /// <summary>
    /// The services of <paramref name="provider"/>, in the order of precedence: what was given to
    /// <see cref="RpmBuilder"/>, else what the host registered (<see cref="IChatClient"/>, then a Semantic
    /// Kernel <see cref="IChatCompletionService"/>; <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>;
    /// <see cref="VectorStore"/>).
    /// </summary>
    public static RpmHostServices From(IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var chat = provider.GetKeyedService<IChatClient>(RpmBuilder.ModelKey) ?? provider.GetService<IChatClient>();
        if (chat is null && provider.GetService<IChatCompletionService>() is { } service)
        {
            chat = new ChatCompletionServiceChatClient(service, modelId: null);
        }

        var reasoning = provider.GetKeyedService<VectorStore>(RpmBuilder.ReasoningStoreKey);
        return new RpmHostServices
        {
            ChatClient = chat,
            StageChatClients = RpmStage.All
                .Select(stage => (stage, client: provider.GetKeyedService<IChatClient>(RpmBuilder.StageModelKey(stage))))
                .Where(s => s.client is not null)
                .ToDictionary(s => s.stage, s => s.client!, StringComparer.OrdinalIgnoreCase),
            Embeddings = provider.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(RpmBuilder.EmbeddingsKey)
                ?? provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            ReasoningStore = reasoning ?? provider.GetService<VectorStore>(),
            StateStore = reasoning is null ? null : provider.GetKeyedService<VectorStore>(RpmBuilder.StateStoreKey),
            Services = provider,
            LoggerFactory = provider.GetService<ILoggerFactory>(),
        };
    }
}
