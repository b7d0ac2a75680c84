using Microsoft.Extensions.VectorData;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary>
/// <see cref="IReasoningStore"/> over any VectorData collection of
/// <see cref="ReasoningRecordEntity"/> (SQLite, Qdrant, InMemory, ...). Every read filters on both
/// the user and the task, and a record of another user coming back from the backend is treated as
/// a provider bug, not returned.
/// </summary>
public sealed partial class ReasoningStore : IReasoningStore
{
    private readonly VectorStoreCollection<Guid, ReasoningRecordEntity> _collection;

    /// <summary>Creates a store over <paramref name="collection"/>, which must have been opened with the embedding dimension in use.</summary>
    /// <param name="collection">The backing collection, e.g. from <see cref="ReasoningRecordEntity.CreateDefinition"/>.</param>
    public ReasoningStore(VectorStoreCollection<Guid, ReasoningRecordEntity> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
    }

    /// <summary>
    /// The same table read through its key, owner and item id columns only, where the backend can
    /// open such a view (SQLite); else item ids are read from whole records.
    /// </summary>
    internal VectorStoreCollection<Guid, ReasoningItemIdEntity>? ItemIdView { get; init; }

    /// <summary>The embedding dimension the collection was opened with, when known; a record of another length is refused before the backend is called.</summary>
    internal int? Dimensions { get; init; }
    /// <summary>The same table read through the columns of <see cref="StoredEvidence"/> only, where the backend can open such a view (SQLite).</summary>
    internal VectorStoreCollection<Guid, ReasoningEvidenceEntity>? EvidenceView { get; init; }

    /// <summary>The name of the backing collection.</summary>
    public string CollectionName => _collection.Name;

    /// <inheritdoc />
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
        => _collection.EnsureCollectionExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<ReasoningRecord> records, IReadOnlyList<ReadOnlyMemory<float>> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (records.Count != embeddings.Count)
        {
            throw new ArgumentException(
                $"Got {records.Count} records but {embeddings.Count} embeddings; pass exactly one feature-text embedding per record, in the same order.",
                nameof(embeddings));
        }

        var entities = new List<ReasoningRecordEntity>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"Record {i} is null; pass only built records.", nameof(records));
            ValidateRecord(record, i);
            if (embeddings[i].IsEmpty)
            {
                throw new ArgumentException($"The embedding of record {i} (item '{record.ItemId}') is empty; embed its FeatureText before storing it.", nameof(embeddings));
            }

            if (Dimensions is { } dimensions && embeddings[i].Length != dimensions)
            {
                throw EmbeddingLengthMismatch(record, embeddings[i].Length, dimensions);
            }

            entities.Add(ReasoningRecordMapping.ToEntity(record, embeddings[i]));
        }

        if (entities.Count > 0)
        {
            try
            {
                await _collection.UpsertAsync(entities, cancellationToken).ConfigureAwait(false);
            }
            catch (EmbeddingDimensionMismatchException ex) when (ex.StoredDimensions > 0)
            {
                // Another process rebuilt the collection for another embedding model while this one ran.
                throw EmbeddingLengthMismatch(records[0], embeddings[0].Length, ex.StoredDimensions);
            }
        }
    }

    /// <summary>The refusal of a record whose embedding length is not the collection's dimension: both lengths, the model, the way out.</summary>
    private EmbeddingDimensionMismatchException EmbeddingLengthMismatch(ReasoningRecord record, int length, int dimensions)
    {
        var model = string.IsNullOrEmpty(record.EmbeddingModel) ? "the embedding model in use" : $"embedding model '{record.EmbeddingModel}'";
        var message =
            $"Item '{record.ItemId}' of user '{record.UserId}' (task '{record.Task}') has a {length}-dimensional embedding from {model}, but the reasoning collection '{CollectionName}' stores {dimensions}-dimensional vectors; nothing was written. " +
            "The embedding model differs from the one the collection was built with (or another process rebuilt the collection for a new model while this one ran): " +
            "run `rpmk reindex` to re-embed every record with the model in use and restart this writer with the same settings, or switch back to the embedding model the collection was built with (Rpm:Embeddings).";
        return new EmbeddingDimensionMismatchException(message, CollectionName, dimensions, length);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReasoningRecord>> GetAllAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        var entities = await GetEntitiesAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return [.. entities.Select(ReasoningRecordMapping.ToRecord).OrderBy(r => r.ItemId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> GetItemIdsAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        if (ItemIdView is { } view)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(task);
            var ids = await UserScope.GetAsync(view, userId, task, cancellationToken).ConfigureAwait(false);
            return ids.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal);
        }

        var entities = await GetEntitiesAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return entities.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ItemIdView is not { } view)
        {
            foreach (var entity in await GetEntitiesAsync(userId, task, cancellationToken).ConfigureAwait(false))
            {
                hashes[entity.ItemId] = !string.IsNullOrEmpty(entity.ContentHash) ? entity.ContentHash : ItemContentHash.Of(entity.Query, entity.Answer);
            }

            return hashes;
        }

        var legacy = new List<Guid>();
        foreach (var row in await UserScope.GetAsync(view, userId, task, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(row.ContentHash))
            {
                hashes[row.ItemId] = row.ContentHash;
            }
            else
            {
                legacy.Add(row.Key);
            }
        }

        // Records written before the hash was stored: their query and answer, read once per ingest until they are rebuilt.
        foreach (var keys in legacy.Chunk(500))
        {
            await foreach (var entity in _collection.GetAsync(keys, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                UserScope.EnsureScoped(entity, userId, task);
                hashes[entity.ItemId] = ItemContentHash.Of(entity.Query, entity.Answer);
            }
        }

        return hashes;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvidence>> GetEvidenceAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        if (EvidenceView is { } view)
        {
            var rows = await UserScope.GetAsync(view, userId, task, cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(ReasoningRecordMapping.ToEvidence).OrderBy(e => e.ItemId, StringComparer.Ordinal)];
        }

        var entities = await GetEntitiesAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return [.. entities.Select(ReasoningRecordMapping.ToRecord).OrderBy(r => r.ItemId, StringComparer.Ordinal)
            .Select(r => new StoredEvidence(r.ItemId, r.Answer, r.Features, r.CreatedAt))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScoredRecord>> SearchAsync(string userId, string task, ReadOnlyMemory<float> embedding, int top, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (embedding.IsEmpty)
        {
            throw new ArgumentException("The query embedding is empty; embed the feature text of the query first.", nameof(embedding));
        }

        var results = new List<ScoredRecord>(top);
        if (_collection is IScopedVectorSearch<ReasoningRecordEntity> scoped)
        {
            foreach (var result in await scoped.SearchScopedAsync(userId, task, embedding, top, cancellationToken).ConfigureAwait(false))
            {
                UserScope.EnsureScoped(result.Record, userId, task);
                results.Add(new ScoredRecord(ReasoningRecordMapping.ToRecord(result.Record), result.Score ?? 0));
            }

            return results;
        }

        var options = new VectorSearchOptions<ReasoningRecordEntity> { Filter = UserScope.Filter<ReasoningRecordEntity>(userId, task) };
        await foreach (var result in _collection.SearchAsync(embedding, top, options, cancellationToken).ConfigureAwait(false))
        {
            UserScope.EnsureScoped(result.Record, userId, task);
            results.Add(new ScoredRecord(ReasoningRecordMapping.ToRecord(result.Record), result.Score ?? 0));
        }

        return results;
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default)
        => UserScope.DeleteAsync(_collection, userId, task, cancellationToken);

    /// <summary>Deletes the record of one history item of a user and task; returns whether there was one.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="task">The task profile name.</param>
    /// <param name="itemId">The history item id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<bool> DeleteItemAsync(string userId, string task, string itemId, CancellationToken cancellationToken = default)
    {
        var key = RecordKeys.ForItem(userId, task, itemId);
        if (await FindItemAsync(key, userId, task, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await _collection.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Deletes the record of one history item like <see cref="DeleteItemAsync"/> and returns what the factor
    /// statistics counted of it (its answer and features), or null when there was none.
    /// </summary>
    internal async Task<StoredEvidence?> TakeItemAsync(string userId, string task, string itemId, CancellationToken cancellationToken)
    {
        var key = RecordKeys.ForItem(userId, task, itemId);
        if (await FindItemAsync(key, userId, task, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        await _collection.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        var record = ReasoningRecordMapping.ToRecord(found);
        return new StoredEvidence(record.ItemId, record.Answer, record.Features, record.CreatedAt);
    }

    /// <summary>
    /// The embedding model and dimension one history item of a user and task was stored with (one read by
    /// key, no column parsed), or null when there is no such record.
    /// </summary>
    internal async Task<(string Model, int Dimensions)?> GetEmbeddingModelAsync(string userId, string task, string itemId, CancellationToken cancellationToken)
    {
        var found = await FindItemAsync(RecordKeys.ForItem(userId, task, itemId), userId, task, cancellationToken).ConfigureAwait(false);
        return found is null ? null : (found.EmbeddingModel, found.EmbeddingDimensions);
    }

    /// <summary>The stored entity of one history item by its key, checked to belong to the user and task, or null when there is none.</summary>
    private async Task<ReasoningRecordEntity?> FindItemAsync(Guid key, string userId, string task, CancellationToken cancellationToken)
    {
        var found = await _collection.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            UserScope.EnsureScoped(found, userId, task);
        }

        return found;
    }

    /// <summary>Every record of a user (of one task, or of all when <paramref name="task"/> is null) with its stored embedding, ordered by task and item.</summary>
    internal async Task<List<(ReasoningRecord Record, ReadOnlyMemory<float> Embedding)>> GetWithEmbeddingsAsync(string userId, string? task, CancellationToken cancellationToken)
    {
        var options = new FilteredRecordRetrievalOptions<ReasoningRecordEntity> { IncludeVectors = true };
        var read = new List<(ReasoningRecord, ReadOnlyMemory<float>)>();
        await foreach (var entity in _collection.GetAsync(UserScope.Filter<ReasoningRecordEntity>(userId, task), int.MaxValue, options, cancellationToken).ConfigureAwait(false))
        {
            UserScope.EnsureScoped(entity, userId, task);
            read.Add((ReasoningRecordMapping.ToRecord(entity), entity.Embedding ?? ReadOnlyMemory<float>.Empty));
        }

        return [.. read.OrderBy(r => r.Item1.Task, StringComparer.Ordinal).ThenBy(r => r.Item1.ItemId, StringComparer.Ordinal)];
    }

    private Task<List<ReasoningRecordEntity>> GetEntitiesAsync(string userId, string task, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        return UserScope.GetAsync(_collection, userId, task, cancellationToken);
    }

    private static void ValidateRecord(ReasoningRecord record, int index)
    {
        if (string.IsNullOrWhiteSpace(record.UserId) || string.IsNullOrWhiteSpace(record.Task) || string.IsNullOrWhiteSpace(record.ItemId))
        {
            throw new ArgumentException(
                $"Record {index} has an empty UserId, Task or ItemId ('{record.UserId}', '{record.Task}', '{record.ItemId}'); all three identify the record and must be set.",
                nameof(record));
        }
    }
}
