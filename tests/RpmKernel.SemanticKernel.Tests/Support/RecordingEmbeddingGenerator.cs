using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>
/// A <see cref="RandomEmbeddingGenerator"/> that records every text it embeds, signals once a given
/// number of texts have been embedded, and can fail its first calls.
/// </summary>
internal sealed class RecordingEmbeddingGenerator(int dimensions, int signalAfter, int failFirstCalls = 0) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly RandomEmbeddingGenerator _inner = new(dimensions);
    private readonly ConcurrentQueue<string> _embedded = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Every text embedded so far, in the order the calls completed.</summary>
    public IReadOnlyList<string> Embedded => [.. _embedded];

    /// <summary>Completes once at least <c>signalAfter</c> texts have been embedded.</summary>
    public Task Reached => _reached.Task;

    public float[] Embed(string text) => _inner.Embed(text);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        if (Interlocked.Increment(ref _calls) <= failFirstCalls)
        {
            throw new HttpRequestException("The embedding endpoint is unavailable (a test fault).");
        }

        var generated = await _inner.GenerateAsync(texts, options, cancellationToken);
        foreach (var text in texts)
        {
            _embedded.Enqueue(text);
        }

        if (_embedded.Count >= signalAfter)
        {
            _reached.TrySetResult();
        }

        return generated;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
