using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Retrieval;

namespace RpmKernel.Evaluation.Methods;

/// <summary>
/// What the methods share about one user during a run: the history, its BM25 index and query-text
/// embeddings, and the embeddings of the target queries (each built once, on first use) and, after
/// ingest, the user's RPM model.
/// </summary>
internal sealed class UserContext
{
    private readonly Lazy<Bm25Index> _bm25;
    private readonly Lazy<Task<ReadOnlyMemory<float>[]>> _queryEmbeddings;
    private readonly ConcurrentDictionary<string, Lazy<Task<ReadOnlyMemory<float>>>> _targetEmbeddings = new(StringComparer.Ordinal);
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;

    /// <summary>Creates the context of <paramref name="user"/>.</summary>
    public UserContext(EvalUser user, TaskProfile task, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(embeddings);
        User = user;
        Task = task;
        _embeddings = embeddings;
        _bm25 = new(() => new Bm25Index(user.History.Select(DocumentText).ToList()));
        _queryEmbeddings = new(async () => (await embeddings.GenerateAsync(user.History.Select(h => h.Query), cancellationToken: CancellationToken.None).ConfigureAwait(false))
            .Select(e => e.Vector).ToArray());
    }

    /// <summary>The user.</summary>
    public EvalUser User { get; }

    /// <summary>The task profile.</summary>
    public TaskProfile Task { get; }

    /// <summary>The user's RPM model, once ingested; null before or when no history item got through.</summary>
    public UserModel? Model { get; set; }

    /// <summary>The <paramref name="k"/> history items most relevant to <paramref name="query"/> by BM25, best first.</summary>
    public IReadOnlyList<HistoryItem> Bm25Top(string query, int k) => _bm25.Value.Top(query, k).Select(i => User.History[i]).ToList();

    /// <summary>The <paramref name="k"/> history items whose query text is most similar to <paramref name="query"/> (cosine of embeddings), best first, with their similarity.</summary>
    public async Task<IReadOnlyList<(HistoryItem Item, double Score)>> EmbeddingTopAsync(string query, int k, CancellationToken cancellationToken)
    {
        var history = await _queryEmbeddings.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var target = await TargetEmbeddingAsync(query, cancellationToken).ConfigureAwait(false);
        return history.Select((vector, i) => (Item: User.History[i], Score: Cosine(target.Span, vector.Span)))
            .OrderByDescending(x => x.Score).Take(Math.Max(0, k)).ToList();
    }

    // Every method that ranks by query text (rag-embedding, rpm-surface) embeds the same target query: once is
    // enough, even when the two ask at the same time (the baselines answer while the RPM methods wait for ingest).
    private async Task<ReadOnlyMemory<float>> TargetEmbeddingAsync(string query, CancellationToken cancellationToken)
    {
        var embedding = _targetEmbeddings.GetOrAdd(query, q => new(() => _embeddings.GenerateVectorAsync(q, cancellationToken: CancellationToken.None)));
        try
        {
            return await embedding.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (embedding.Value.IsFaulted)
        {
            // A failed embedding is not kept: the next method asks again.
            _targetEmbeddings.TryRemove(new KeyValuePair<string, Lazy<Task<ReadOnlyMemory<float>>>>(query, embedding));
            throw;
        }
    }

    // Generation tasks retrieve over the whole item (LaMP-5 indexes title and abstract); the others over the query text.
    private string DocumentText(HistoryItem item) => Task.Kind == TaskKind.Generation ? item.Query + " " + item.Answer : item.Query;

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
