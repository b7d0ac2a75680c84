using Microsoft.Extensions.VectorData;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary>
/// Administrative access to the reasoning-record collection for re-embedding, the same on every
/// store: it reads records through <see cref="ReasoningRecordData"/>, a view without the vector,
/// so a collection built with another embedding dimension can still be read, and it rebuilds the
/// collection for a new dimension through a backup collection that holds the records (without
/// vectors) until the rebuilt collection holds them all. Unlike <see cref="IReasoningStore"/> it
/// reads every user at once; it is meant for maintenance commands (<c>rpmk reindex</c>), never for
/// serving a user.
/// </summary>
public sealed class ReasoningCollectionAdmin
{
    private const string BackupSuffix = "_reindex";
    private const int BatchSize = 64;

    private readonly VectorStore _vectorStore;
    private readonly VectorStoreCollection<Guid, ReasoningRecordData> _collection;
    private readonly VectorStoreCollection<Guid, ReasoningRecordData> _backup;

    /// <summary>Creates the admin view of collection <paramref name="collectionName"/> (and of its backup) in <paramref name="vectorStore"/>.</summary>
    /// <param name="vectorStore">The vector store holding the collection.</param>
    /// <param name="collectionName">The reasoning-record collection name.</param>
    public ReasoningCollectionAdmin(VectorStore vectorStore, string collectionName = ReasoningRecordEntity.DefaultCollectionName)
    {
        ArgumentNullException.ThrowIfNull(vectorStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionName);
        _vectorStore = vectorStore;
        _collection = vectorStore.GetCollection<Guid, ReasoningRecordData>(collectionName);
        _backup = vectorStore.GetCollection<Guid, ReasoningRecordData>(BackupName(collectionName));
        Name = collectionName;
    }

    /// <summary>The collection name.</summary>
    public string Name { get; }

    /// <summary>The collection a rebuild of <paramref name="collectionName"/> copies every record to before dropping it, so an interrupted rebuild can be finished.</summary>
    /// <param name="collectionName">The reasoning-record collection name.</param>
    public static string BackupName(string collectionName) => collectionName + BackupSuffix;

    /// <summary>Whether the collection exists.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => _collection.CollectionExistsAsync(cancellationToken);

    /// <summary>Whether a rebuild was cut short: its backup is still there, and only <see cref="RebuildAsync"/> of every user's records may finish it.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<bool> IsRebuildInterruptedAsync(CancellationToken cancellationToken = default) => _backup.CollectionExistsAsync(cancellationToken);

    /// <summary>
    /// Every stored record (of one user when <paramref name="userId"/> is set), without vectors,
    /// ordered by user, task and item; after an interrupted rebuild, with the records only its
    /// backup still holds. Missing collections read as empty.
    /// </summary>
    /// <param name="userId">One user, or null for every user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<IReadOnlyList<ReasoningRecord>> ReadAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        if (userId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        }

        var stored = await ReadEntitiesAsync(_collection, userId, cancellationToken).ConfigureAwait(false);
        var saved = await ReadEntitiesAsync(_backup, userId, cancellationToken).ConfigureAwait(false);
        return [.. stored.Concat(saved)
            .DistinctBy(e => e.Key)
            .Select(ReasoningRecordMapping.ToRecord)
            .OrderBy(r => r.UserId, StringComparer.Ordinal)
            .ThenBy(r => r.Task, StringComparer.Ordinal)
            .ThenBy(r => r.ItemId, StringComparer.Ordinal)];
    }

    /// <summary>Drops the collection (records and vectors); recreate it with <see cref="IReasoningStore.EnsureReadyAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task DropAsync(CancellationToken cancellationToken = default) => _collection.EnsureCollectionDeletedAsync(cancellationToken);

    /// <summary>Copies <paramref name="records"/>, without vectors, to the backup collection (created when missing): the first step of a rebuild.</summary>
    /// <param name="records">The records to keep until the rebuilt collection holds them.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task BackUpAsync(IReadOnlyList<ReasoningRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _backup.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in records.Chunk(BatchSize))
        {
            await _backup.UpsertAsync(batch.Select(ReasoningRecordMapping.ToData), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes re-embedded records to the collection, which must have (or, when missing, is created
    /// with) the dimension of <paramref name="embeddings"/>; the records remember it.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <param name="embeddings">One new feature-text embedding per record, in the same order, all of one dimension.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task UpsertAsync(IReadOnlyList<ReasoningRecord> records, IReadOnlyList<ReadOnlyMemory<float>> embeddings, CancellationToken cancellationToken = default)
    {
        ThrowUnlessOnePerRecord(records, embeddings);
        if (records.Count == 0)
        {
            return;
        }

        var store = new ReasoningStore(_vectorStore.GetCollection<Guid, ReasoningRecordEntity>(Name, ReasoningRecordEntity.CreateDefinition(embeddings[0].Length)));
        await store.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < records.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, records.Count - start);
            await store.UpsertAsync(Range(records, start, count), Range(embeddings, start, count), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rebuilds the collection with the dimension of <paramref name="embeddings"/>: backs every
    /// record up, drops the collection, recreates it with the new dimension, writes the records
    /// back and drops the backup. Once the backup holds every record the rebuild runs to the end
    /// even if cancelled; if it is cut short anyway, <see cref="ReadAsync(string?, CancellationToken)"/>
    /// still finds every record, and the next rebuild finishes the job.
    /// </summary>
    /// <param name="records">Every record of every user, as <see cref="ReadAsync(string?, CancellationToken)"/> without a user returns them.</param>
    /// <param name="embeddings">One new feature-text embedding per record, in the same order, all of one dimension.</param>
    /// <param name="cancellationToken">Cancels the operation until the backup is complete.</param>
    public async Task RebuildAsync(IReadOnlyList<ReasoningRecord> records, IReadOnlyList<ReadOnlyMemory<float>> embeddings, CancellationToken cancellationToken = default)
    {
        ThrowUnlessOnePerRecord(records, embeddings);
        await BackUpAsync(records, cancellationToken).ConfigureAwait(false);
        await DropAsync(CancellationToken.None).ConfigureAwait(false);
        await UpsertAsync(records, embeddings, CancellationToken.None).ConfigureAwait(false);
        await _backup.EnsureCollectionDeletedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void ThrowUnlessOnePerRecord(IReadOnlyList<ReasoningRecord> records, IReadOnlyList<ReadOnlyMemory<float>> embeddings)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (records.Count != embeddings.Count)
        {
            throw new ArgumentException($"Got {records.Count} records but {embeddings.Count} embeddings; pass exactly one embedding per record, in the same order.", nameof(embeddings));
        }
    }

    private static async Task<List<ReasoningRecordData>> ReadEntitiesAsync(VectorStoreCollection<Guid, ReasoningRecordData> collection, string? userId, CancellationToken cancellationToken)
    {
        if (!await collection.CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        return await UserScope.GetUserOrAllAsync(collection, userId, cancellationToken).ConfigureAwait(false);
    }

    private static List<T> Range<T>(IReadOnlyList<T> items, int start, int count) => [.. items.Skip(start).Take(count)];
}
