using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Rpm.Storage.Providers;

namespace Rpm.Storage.InMemory;

/// <summary>
/// A VectorData collection in process memory, for tests and throw-away runs. Records are copied
/// on write and on read, so callers never share stored state; filters are compiled and run as
/// LINQ (any expression works); search is exact cosine top-K.
/// </summary>
internal sealed class InMemoryCollection<TRecord> : VectorStoreCollection<Guid, TRecord>
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
        _metadata = new() { VectorStoreSystemName = InMemoryVectorStore.SystemName, CollectionName = name };
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
                state.Records.Remove(key);
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
        var state = State();

        // Copied and checked before anything is stored: a bad record stores nothing.
        var copies = records.Select(r => Copy(r ?? throw new ArgumentException("A record is null.", nameof(records)), checkVector: true)).ToList();
        lock (state.Lock)
        {
            foreach (var copy in copies)
            {
                state.Records[(Guid)_model.KeyProperty.GetValueAsObject(copy)!] = copy;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = State();
        object? found;
        lock (state.Lock)
        {
            found = state.Records.GetValueOrDefault(key);
        }

        // Stored copies are replaced, never changed, so copying outside the lock is safe.
        return Task.FromResult(found is TRecord record ? Copy(record, checkVector: false, options?.IncludeVectors ?? false) : null);
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

        var matches = Snapshot().Where(filter.Compile());
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
            yield return Copy(record, checkVector: false, options.IncludeVectors);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (options, var vectorProperty, var query) = await StoreArguments.SearchAsync(searchValue, top, options, _model, _dimensions, Name, cancellationToken).ConfigureAwait(false);

        var candidates = Snapshot();
        if (options.Filter is not null)
        {
            candidates = [.. candidates.Where(options.Filter.Compile())];
        }

        var ranked = candidates
            .Select(r => (Record: r, Vector: VectorValues.VectorOf(vectorProperty.GetValueAsObject(r))))
            .Where(c => c.Vector is not null)
            .Select(c => (c.Record, Score: (double)TensorPrimitives.CosineSimilarity(query.Span, c.Vector!.Value.Span)))

            // A zero vector has no direction (NaN similarity): it can match nothing.
            .Where(c => !double.IsNaN(c.Score) && (options.ScoreThreshold is not { } threshold || c.Score >= threshold))
            .OrderByDescending(c => c.Score)
            .Skip(options.Skip)
            .Take(top)
            .ToList();

        foreach (var (record, score) in ranked)
        {
            yield return new VectorSearchResult<TRecord>(Copy(record, checkVector: false, options.IncludeVectors), score);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);

    private InMemoryCollectionState State()
    {
        if (!_collections.TryGetValue(Name, out var state))
        {
            throw new InvalidOperationException($"In-memory collection '{Name}' does not exist. Create it first with EnsureCollectionExistsAsync (RpmStorage.EnsureReadyAsync).");
        }

        ThrowIfDimensionsDiffer(state);
        return state;
    }

    private List<TRecord> Snapshot()
    {
        var state = State();
        lock (state.Lock)
        {
            return [.. state.Records.Values.Cast<TRecord>()];
        }
    }

    /// <summary>A copy that shares nothing mutable with <paramref name="record"/>: scalars are immutable, and the vector is copied.</summary>
    private TRecord Copy(TRecord record, bool checkVector, bool includeVector = true)
    {
        var copy = _model.CreateRecord<TRecord>();
        var key = (Guid)_model.KeyProperty.GetValueAsObject(record)!;
        if (_model.KeyProperty.IsAutoGenerated && key == Guid.Empty)
        {
            key = Guid.NewGuid();
            _model.KeyProperty.SetValueAsObject(record, key);
        }

        _model.KeyProperty.SetValueAsObject(copy, key);
        foreach (var property in _model.DataProperties)
        {
            property.SetValueAsObject(copy, property.GetValueAsObject(record));
        }

        if (_vector is not null && includeVector && VectorValues.VectorOf(_vector.GetValueAsObject(record)) is { } vector)
        {
            if (checkVector && vector.Length != _dimensions)
            {
                throw VectorValues.RecordDimensionMismatch(key, vector.Length, Name, _dimensions, nameof(record));
            }

            _vector.SetValueAsObject(copy, VectorValues.ToVectorProperty(vector.ToArray(), _vector.Type));
        }

        return copy;
    }

    private void ThrowIfDimensionsDiffer(InMemoryCollectionState state)
    {
        if (state.Dimensions != _dimensions)
        {
            throw new InvalidOperationException(
                $"In-memory collection '{Name}' stores {state.Dimensions}-dimensional vectors, but it was opened with {_dimensions} dimensions. " +
                "Use the embedding model the collection was built with, or pick another collection name (or delete the collection) to rebuild it with the new model.");
        }
    }
}
