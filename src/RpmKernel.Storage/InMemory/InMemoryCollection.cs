using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.InMemory;

/// <summary>
/// A VectorData collection in process memory, for tests and throw-away runs. Records are stored
/// as values by storage name (see <see cref="InMemoryRecord"/>), copied on write and rebuilt on
/// read, so callers never share stored state and every view of a collection name (another record
/// class, or one without the vector) sees the same data; filters are compiled and run as LINQ
/// (any expression works); search is exact cosine top-K.
/// </summary>
internal sealed partial class InMemoryCollection<TRecord> : VectorStoreCollection<Guid, TRecord>
    where TRecord : class
{
    private readonly ConcurrentDictionary<string, InMemoryCollectionState> _collections;
    private readonly CollectionModel _model;
    private readonly VectorPropertyModel? _vector;
    private readonly int _dimensions;
    private readonly VectorStoreCollectionMetadata _metadata;

    internal InMemoryCollection(ConcurrentDictionary<string, InMemoryCollectionState> collections, string name, CollectionModel model)
    {
        _collections = collections;
        _model = model;
        _vector = model.VectorProperties.Count == 1 ? model.VectorProperties[0] : null;
        _dimensions = _vector?.Dimensions ?? 0;
        Name = name;
        _metadata = new() { VectorStoreSystemName = RpmInMemoryVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
        => Task.FromResult(_collections.ContainsKey(Name));

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDimensionsDiffer(_collections.GetOrAdd(Name, _ => new InMemoryCollectionState(_dimensions)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _collections.TryRemove(Name, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    /// <inheritdoc />
    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var state = State();
        lock (state.Lock)
        {
            foreach (var key in keys)
            {
                if (state.Records.Remove(key, out var removed))
                {
                    state.Invalidate(UserOf(removed));
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var state = State(writing: true);

        // Copied and checked before anything is stored: a bad record stores nothing.
        var copies = records.Select(r => ToStored(r ?? throw new ArgumentException("A record is null.", nameof(records)))).ToList();
        lock (state.Lock)
        {
            foreach (var (key, copy) in copies)
            {
                if (state.Records.TryGetValue(key, out var replaced))
                {
                    state.Invalidate(UserOf(replaced));
                }

                state.Records[key] = copy;
                state.Invalidate(UserOf(copy));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = State();
        InMemoryRecord? found;
        lock (state.Lock)
        {
            found = state.Records.GetValueOrDefault(key);
        }

        // Stored records are replaced, never changed, so reading them outside the lock is safe.
        return Task.FromResult(found is null ? null : ToRecord(key, found, options?.IncludeVectors ?? false));
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<Guid> keys,
        RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys.Distinct())
        {
            if (await GetAsync(key, options, cancellationToken).ConfigureAwait(false) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options = StoreArguments.Filtered(filter, top, options);

        var matches = Snapshot().Select(s => ToRecord(s.Key, s.Record, options.IncludeVectors)).Where(filter.Compile());
        if (options.OrderBy is not null)
        {
            IOrderedEnumerable<TRecord>? ordered = null;
            foreach (var sort in options.OrderBy(new()).Values)
            {
                var property = _model.GetDataOrKeyProperty(sort.PropertySelector);
                Func<TRecord, object?> value = property.GetValueAsObject;
                ordered = ordered is null
                    ? (sort.Ascending ? matches.OrderBy(value) : matches.OrderByDescending(value))
                    : (sort.Ascending ? ordered.ThenBy(value) : ordered.ThenByDescending(value));
            }

            matches = ordered ?? matches;
        }

        foreach (var record in matches.Skip(options.Skip).Take(top).ToList())
        {
            await Task.Yield();
            yield return record;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (options, _, var query) = await StoreArguments.SearchAsync(searchValue, top, options, _model, _dimensions, Name, cancellationToken).ConfigureAwait(false);

        var candidates = Snapshot()
            .Where(s => s.Record.Vector is not null)
            .Select(s => (Record: ToRecord(s.Key, s.Record, options.IncludeVectors), s.Record.Vector));
        if (options.Filter is { } filter)
        {
            var matches = filter.Compile();
            candidates = candidates.Where(c => matches(c.Record));
        }

        var ranked = candidates
            .Select(c => (c.Record, Score: (double)TensorPrimitives.CosineSimilarity(query.Span, c.Vector)))

            // A zero vector has no direction (NaN similarity): it can match nothing.
            .Where(c => !double.IsNaN(c.Score) && (options.ScoreThreshold is not { } threshold || c.Score >= threshold))
            .OrderByDescending(c => c.Score)
            .Skip(options.Skip)
            .Take(top)
            .ToList();

        foreach (var (record, score) in ranked)
        {
            yield return new VectorSearchResult<TRecord>(record, score);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);

    private InMemoryCollectionState State(bool writing = false)
    {
        if (!_collections.TryGetValue(Name, out var state))
        {
            throw new InvalidOperationException($"In-memory collection '{Name}' does not exist. Create it first with EnsureCollectionExistsAsync (RpmStorage.EnsureReadyAsync).");
        }

        // A view without vectors reads (and deletes from) a collection of any vector size, which is
        // how re-embedding reads a collection built with another model; it writes only where no vectors are kept.
        if (_vector is not null || writing)
        {
            ThrowIfDimensionsDiffer(state);
        }

        return state;
    }

    private List<(Guid Key, InMemoryRecord Record)> Snapshot()
    {
        var state = State();
        lock (state.Lock)
        {
            return [.. state.Records.Select(r => (r.Key, r.Value))];
        }
    }

    /// <summary>The stored form of <paramref name="record"/>: scalars are immutable, and the vector is copied (and checked).</summary>
    private (Guid Key, InMemoryRecord Record) ToStored(TRecord record)
    {
        var key = (Guid)StoreKeys.KeyOf(_model.KeyProperty, record)!;
        var data = _model.DataProperties.ToDictionary(p => p.StorageName, p => p.GetValueAsObject(record), StringComparer.Ordinal);
        float[]? vector = null;
        if (_vector is not null && VectorValues.VectorOf(_vector.GetValueAsObject(record)) is { } value)
        {
            if (value.Length != _dimensions)
            {
                throw VectorValues.RecordDimensionMismatch(key, value.Length, Name, _dimensions, nameof(record));
            }

            vector = value.ToArray();
        }

        return (key, new InMemoryRecord(data, vector));
    }

    /// <summary>A new record of this view from a stored one; data the stored record lacks keeps the view's default.</summary>
    private TRecord ToRecord(Guid key, InMemoryRecord stored, bool includeVector)
    {
        var record = _model.CreateRecord<TRecord>();
        _model.KeyProperty.SetValueAsObject(record, key);
        foreach (var property in _model.DataProperties)
        {
            if (stored.Data.TryGetValue(property.StorageName, out var value))
            {
                property.SetValueAsObject(record, value);
            }
        }

        if (_vector is not null && includeVector && stored.Vector is { } vector)
        {
            _vector.SetValueAsObject(record, VectorValues.ToVectorProperty([.. vector], _vector.Type));
        }

        return record;
    }

    private void ThrowIfDimensionsDiffer(InMemoryCollectionState state)
    {
        if (state.Dimensions != _dimensions)
        {
            throw new EmbeddingDimensionMismatchException(
                $"In-memory collection '{Name}' stores {VectorValues.Describe(state.Dimensions)}, but it was opened with {VectorValues.Describe(_dimensions)}. " +
                "Use the embedding model the collection was built with, or pick another collection name (or delete the collection) to rebuild it with the new model.",
                Name,
                state.Dimensions,
                _dimensions);
        }
    }
}
