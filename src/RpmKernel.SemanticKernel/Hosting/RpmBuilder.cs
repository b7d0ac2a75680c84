using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using RpmKernel.SemanticKernel.Plugin;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// Chooses the services RPM runs on, inside <c>AddRpm(configuration, rpm =&gt; ...)</c>. Anything not
/// chosen here is taken from the host's registrations when it has them (<see cref="IChatClient"/> or a
/// Semantic Kernel chat service, <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, <see cref="VectorStore"/>),
/// else built from the <c>Rpm</c> configuration section.
/// </summary>
public sealed class RpmBuilder
{
    internal const string ModelKey = "RpmKernel:model";
    internal const string EmbeddingsKey = "RpmKernel:embeddings";
    internal const string ReasoningStoreKey = "RpmKernel:reasoning";
    internal const string StateStoreKey = "RpmKernel:state";

    internal RpmBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The host's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The chat model RPM's stages call, instead of the host's registered one or <c>Rpm:Chat</c>.</summary>
    /// <param name="factory">Creates the client once; the container owns it.</param>
    public RpmBuilder UseChatClient(Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(ModelKey, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>
    /// The chat model of one prompt stage (for example a cheap model for <c>generate</c>), instead of
    /// <c>Rpm:Chat:Stages:&lt;stage&gt;</c>; the stages without one use the shared model.
    /// </summary>
    /// <param name="stage">The stage: extract-features, cluster-factors, construct-reasoning, extract-target-features or generate.</param>
    /// <param name="factory">Creates the client once; the container owns it.</param>
    public RpmBuilder UseChatClient(string stage, Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        ArgumentNullException.ThrowIfNull(factory);
        var known = RpmStage.All.FirstOrDefault(s => string.Equals(s, stage, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{stage}' is not a prompt stage; the stages are {string.Join(", ", RpmStage.All)}.", nameof(stage));
        Services.AddKeyedSingleton(StageModelKey(known), (sp, _) => factory(sp));
        return this;
    }

    /// <summary>The service key of <paramref name="stage"/>'s own chat model.</summary>
    internal static string StageModelKey(string stage) => $"{ModelKey}:{stage}";

    /// <summary>The generator of feature-text embeddings, instead of the host's registered one or <c>Rpm:Embeddings</c>.</summary>
    /// <param name="factory">Creates the generator once; the container owns it.</param>
    public RpmBuilder UseEmbeddingGenerator(Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(EmbeddingsKey, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>
    /// The vector store(s) RPM keeps its data in, instead of the host's registered one or <c>Rpm:Store</c>.
    /// User models, the response cache and the usage ledger are collections without a vector; a store
    /// that cannot hold those takes a second store for them in <paramref name="state"/>.
    /// </summary>
    /// <param name="reasoning">Creates the store of the reasoning records (with their feature embeddings).</param>
    /// <param name="state">Creates the store of the user models, cache and usage; null for the same store.</param>
    public RpmBuilder UseVectorStore(Func<IServiceProvider, VectorStore> reasoning, Func<IServiceProvider, VectorStore>? state = null)
    {
        ArgumentNullException.ThrowIfNull(reasoning);
        Services.AddKeyedSingleton(ReasoningStoreKey, (sp, _) => reasoning(sp));
        if (state is not null)
        {
            Services.AddKeyedSingleton(StateStoreKey, (sp, _) => state(sp));
        }

        return this;
    }

    /// <summary>
    /// What the <see cref="PersonalizationPlugin"/> tools may do (allowed tasks, opt-in learning and
    /// forgetting with an approval callback, provenance of answers); the default is read-only.
    /// </summary>
    /// <param name="configure">Sets the tool options.</param>
    public RpmBuilder ConfigureTools(Action<RpmToolOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
