using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.InMemory;

/// <summary>
/// Searches scoped to one user and task: the user's vectors are gathered once into one contiguous
/// block of unit-length rows (kept until a write touches the user), ranked by dot product, and only
/// the winners are turned into records.
/// </summary>
internal sealed partial class InMemoryCollection<TRecord> : IScopedVectorSearch<TRecord>, IUserWriteVersions
{
    /// <inheritdoc />
    public Task<long?> GetWriteVersionAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!_collections.TryGetValue(Name, out var state))
        {
            return Task.FromResult<long?>(null);
        }

        lock (state.Lock)
        {
            return Task.FromResult<long?>(state.Versions.TryGetValue(userId, out var version) ? version : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorSearchResult<TRecord>>> SearchScopedAsync(string userId, string task, ReadOnlyMemory<float> query, int top, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (UserScopeColumns.Of(_model) is null || _vector is null)
        {
            throw new NotSupportedException($"Collection '{Name}' has no UserId and Task properties or no vector; search it with SearchAsync and a filter.");
        }

        if (query.Length != _dimensions)
        {
            throw VectorValues.SearchDimensionMismatch(query.Length, Name, _dimensions, nameof(query));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var state = State();
        ScopedVectors vectors;
        lock (state.Lock)
        {
            if (!state.Scoped.TryGetValue((userId, task), out var kept))
            {
                kept = Gather(state, userId, task);
                state.Scoped[(userId, task)] = kept;
            }

            vectors = kept;
        }

        // The rows never change once gathered, so they are ranked outside the lock.
        var ranked = vectors.Rank(query.Span, top);
        var winners = new List<(Guid Key, InMemoryRecord Stored, double Score)>(ranked.Count);
        lock (state.Lock)
        {
            foreach (var (row, score) in ranked)
            {
                var key = (Guid)vectors.Keys[row];

                // A winner deleted, or moved to another user or task, since the rows were gathered is left out.
                if (state.Records.TryGetValue(key, out var stored) && InScope(stored, userId, task))
                {
                    winners.Add((key, stored, score));
                }
            }
        }

        IReadOnlyList<VectorSearchResult<TRecord>> results = [.. winners.Select(w => new VectorSearchResult<TRecord>(ToRecord(w.Key, w.Stored, includeVector: false), w.Score))];
        return Task.FromResult(results);
    }

    /// <summary>The user of a stored record, whichever view wrote it; null when it has none.</summary>
    private static string? UserOf(InMemoryRecord record) =>
        record.Data.TryGetValue(UserScopeColumns.UserIdName, out var user) ? user as string : null;

    private static bool InScope(InMemoryRecord record, string userId, string task) =>
        string.Equals(UserOf(record), userId, StringComparison.Ordinal)
        && record.Data.TryGetValue(UserScopeColumns.TaskName, out var stored) && string.Equals(stored as string, task, StringComparison.Ordinal);

    /// <summary>The unit-length vectors of one user and task, read under the state's lock; zero vectors are left out (they match nothing).</summary>
    private static ScopedVectors Gather(InMemoryCollectionState state, string userId, string task)
    {
        var dimensions = state.Dimensions;
        var keys = new List<object>();
        var rows = new float[dimensions * 16];
        foreach (var (key, record) in state.Records)
        {
            if (record.Vector is not { } vector || !InScope(record, userId, task))
            {
                continue;
            }

            if ((keys.Count + 1) * dimensions > rows.Length)
            {
                Array.Resize(ref rows, rows.Length * 2);
            }

            if (ScopedVectors.TryNormalizeInto(vector, rows, keys.Count))
            {
                keys.Add(key);
            }
        }

        Array.Resize(ref rows, keys.Count * dimensions);
        return new ScopedVectors(version: null, [.. keys], rows, dimensions);
    }
}
