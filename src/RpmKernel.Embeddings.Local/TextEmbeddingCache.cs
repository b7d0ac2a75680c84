namespace RpmKernel.Embeddings.Local;

/// <summary>
/// Vectors already computed, addressed by the exact text that went into the model (after the cut to
/// its window): the same feature text is never encoded twice while it is among the most recently
/// used <c>capacity</c> texts. One generator has one model, so the text alone is the address.
/// </summary>
internal sealed class TextEmbeddingCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Text, float[] Vector)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Text, float[] Vector)> _recency = new();
    private readonly Lock _lock = new();

    internal TextEmbeddingCache(int capacity) => _capacity = capacity;

    /// <summary>The cached vector of <paramref name="text"/>, or null.</summary>
    internal float[]? Get(string text)
    {
        if (_capacity == 0)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_entries.TryGetValue(text, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Vector;
        }
    }

    /// <summary>Keeps <paramref name="vector"/> for <paramref name="text"/>, dropping the least recently used entry when full.</summary>
    internal void Put(string text, float[] vector)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(text))
            {
                return;
            }

            if (_entries.Count >= _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Text);
            }

            _entries[text] = _recency.AddFirst((text, vector));
        }
    }
}
