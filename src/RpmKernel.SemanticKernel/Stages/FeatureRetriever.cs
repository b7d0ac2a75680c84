using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Telemetry;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Stage 7 as a native kernel function: the user's records nearest to the query by feature text
/// (cosine similarity of feature-text embeddings), never by the raw query.
/// </summary>
internal sealed class FeatureRetriever
{
    /// <summary>The kernel function name.</summary>
    public const string Name = "retrieve_examples";

    /// <summary>The span of the query's feature-text embedding.</summary>
    public const string EmbedSpan = "rpm.embed";

    /// <summary>The span of the vector search over the user's records.</summary>
    public const string SearchSpan = "rpm.search";

    private readonly IReasoningStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;

    /// <summary>Creates the retriever over a store and the embedding generator that built it.</summary>
    public FeatureRetriever(IReasoningStore store, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(embeddings);
        _store = store;
        _embeddings = embeddings;
    }

    /// <summary>
    /// Starts loading an in-process embedding model in the background (a no-op for a remote one), so a
    /// one-shot personalize loads it while the target-feature call is in flight, off the critical path.
    /// </summary>
    public void StartLoadingModel()
    {
        if (_embeddings.GetService(typeof(IPreloadingEmbeddingGenerator)) is IPreloadingEmbeddingGenerator preloading)
        {
            preloading.StartLoading();
        }
    }

    /// <summary>Returns the <paramref name="top"/> most similar records of one user and task, best first.</summary>
    [KernelFunction(Name)]
    [Description("Retrieves the user's history records whose features are most similar to the query's features.")]
    public async Task<IReadOnlyList<ScoredRecord>> RetrieveAsync(
        [Description("The user id")] string userId,
        [Description("The task name")] string task,
        [Description("The query's feature text")] string featureText,
        [Description("How many records")] int top,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentNullException.ThrowIfNull(featureText);
        ReadOnlyMemory<float> embedding;
        using (RpmTelemetry.Source.StartActivity(EmbedSpan))
        {
            embedding = await _embeddings.GenerateVectorAsync(featureText, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        using var search = RpmTelemetry.Source.StartActivity(SearchSpan);
        var found = await _store.SearchAsync(userId, task, embedding, top, cancellationToken).ConfigureAwait(false);
        search?.SetTag(RpmTelemetry.ResultsTag, found.Count);

        // Records embedded by another model of the same dimension came back by chance, not by similarity.
        EmbeddingSpace.ThrowIfOther(found.Select(r => r.Record), EmbeddingSpace.ModelOf(_embeddings));
        return found;
    }
}
