using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The feature-text embeddings of one ingest, started as soon as a batch's features come back so
/// they are computed while clustering and reasoning wait on the model; stage 5 then only writes.
/// An embedding that is missing, was started for another text, or failed is computed again when
/// the records are stored, so a record never waits on work that will not finish.
/// </summary>
internal sealed class FeatureEmbeddings : IAsyncDisposable
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly CancellationTokenSource _abandon = new();
    private readonly ConcurrentDictionary<string, Started> _byItem = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Task> _running = new();

    public FeatureEmbeddings(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        _generator = generator;
    }

    /// <summary>Starts embedding <paramref name="texts"/> (item id, feature text) on the thread pool; returns at once.</summary>
    public void Start(IReadOnlyList<(string ItemId, string Text)> texts)
    {
        if (texts.Count == 0)
        {
            return;
        }

        // Not tied to the ingest's token: reasoning that comes back is stored even when the run is
        // cancelled, and its records need these vectors. Abandoned only when the ingest is over.
        var token = _abandon.Token;
        var batch = Task.Run(() => EmbedAsync(texts.Select(t => t.Text).ToList(), token), token);
        _running.Enqueue(batch);
        for (var i = 0; i < texts.Count; i++)
        {
            _byItem[texts[i].ItemId] = new Started(texts[i].Text, batch, i);
        }
    }

    /// <summary>
    /// The vectors of <paramref name="texts"/> (item id, feature text), in order: the ones started
    /// in stage 1, or computed now for any item whose early embedding is not usable.
    /// </summary>
    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> GetAsync(IReadOnlyList<(string ItemId, string Text)> texts, CancellationToken cancellationToken)
    {
        var vectors = new ReadOnlyMemory<float>[texts.Count];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_byItem.TryGetValue(texts[i].ItemId, out var started) && started.Text == texts[i].Text)
            {
                await ((Task)started.Batch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (started.Batch.IsCompletedSuccessfully && started.Index < started.Batch.Result.Count)
                {
                    vectors[i] = started.Batch.Result[started.Index];
                    continue;
                }
            }

            missing.Add(i);
        }

        if (missing.Count > 0)
        {
            var computed = await EmbedAsync(missing.Select(i => texts[i].Text).ToList(), cancellationToken).ConfigureAwait(false);
            for (var m = 0; m < missing.Count; m++)
            {
                vectors[missing[m]] = computed[m];
            }
        }

        return vectors;
    }

    /// <summary>Abandons the embeddings nobody asked for and waits until none is running.</summary>
    public async ValueTask DisposeAsync()
    {
        await _abandon.CancelAsync().ConfigureAwait(false);
        foreach (var batch in _running)
        {
            await batch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            // A failure here was either reported by GetAsync (which embedded again) or concerns
            // items that were never stored; reading it marks it observed.
            _ = batch.Exception;
        }

        _abandon.Dispose();
    }

    private async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedAsync(List<string> texts, CancellationToken cancellationToken)
    {
        var generated = await _generator.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (generated.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {generated.Count} vectors for {texts.Count} feature texts; it must return one per text.");
        }

        return generated.Select(e => e.Vector).ToList();
    }

    private sealed record Started(string Text, Task<IReadOnlyList<ReadOnlyMemory<float>>> Batch, int Index);
}
