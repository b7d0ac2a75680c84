using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// The vectors of recently searched users kept in memory, least recently used first out, within a
/// byte budget. An entry serves a search only while its write version is still the one stored in
/// the file (<see cref="SqliteWriteVersions"/>), so a write by any process is seen by the next search.
/// </summary>
internal sealed class SqliteVectorCache
{
    private readonly long _budgetBytes;
    private readonly Dictionary<(string Collection, string UserId, string Task), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    internal SqliteVectorCache(long budgetBytes) => _budgetBytes = Math.Max(0, budgetBytes);

    /// <summary>The cached vectors of a user and task when they were read at <paramref name="version"/>, else null.</summary>
    internal ScopedVectors? Get(string collection, string userId, string task, long? version)
    {
        if (version is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_entries.TryGetValue((collection, userId, task), out var node))
            {
                return null;
            }

            if (node.Value.Vectors.Version != version)
            {
                Remove(node);
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Vectors;
        }
    }

    /// <summary>
    /// The cached vectors of a user and task whatever version they were read at (without marking
    /// them used), else null: a search ranks them first and confirms the version with the winners'
    /// read, then marks them with <see cref="Get"/>.
    /// </summary>
    internal ScopedVectors? Peek(string collection, string userId, string task)
    {
        lock (_lock)
        {
            return _entries.TryGetValue((collection, userId, task), out var node) ? node.Value.Vectors : null;
        }
    }

    /// <summary>Keeps <paramref name="vectors"/> when they carry a version and fit the budget, evicting the least recently used.</summary>
    internal void Put(string collection, string userId, string task, ScopedVectors vectors)
    {
        if (vectors.Version is null || vectors.Bytes > _budgetBytes)
        {
            return;
        }

        lock (_lock)
        {
            var key = (collection, userId, task);
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            while (_bytes + vectors.Bytes > _budgetBytes && _recency.Last is { } oldest)
            {
                Remove(oldest);
            }

            _entries[key] = _recency.AddFirst(new Entry(key, vectors));
            _bytes += vectors.Bytes;
        }
    }

    /// <summary>Drops every entry of a user (after this process wrote or forgot the user), so its vectors do not stay in memory.</summary>
    internal void Evict(string collection, string userId)
    {
        lock (_lock)
        {
            foreach (var node in _entries.Where(e => e.Key.Collection == collection && e.Key.UserId == userId).Select(e => e.Value).ToList())
            {
                Remove(node);
            }
        }
    }

    /// <summary>Drops every entry of a user in every collection.</summary>
    internal void EvictUser(string userId)
    {
        lock (_lock)
        {
            foreach (var node in _entries.Where(e => e.Key.UserId == userId).Select(e => e.Value).ToList())
            {
                Remove(node);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Vectors.Bytes;
    }

    private sealed record Entry((string Collection, string UserId, string Task) Key, ScopedVectors Vectors);
}
