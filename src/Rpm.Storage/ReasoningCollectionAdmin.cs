using Microsoft.Extensions.VectorData;
using Rpm.Core.Records;
using Rpm.Storage.Records;

namespace Rpm.Storage;

/// <summary>
/// Administrative access to the reasoning-record collection for re-embedding: reads records through
/// a data-only view (no vector property), so a collection built with another embedding dimension
/// can still be read, and drops the collection so it can be recreated with the new dimension.
/// Unlike <see cref="Abstractions.IReasoningStore"/> it can read every user at once; it is meant
/// for maintenance commands (<c>rpm reindex</c>), never for serving a user.
/// </summary>
public sealed class ReasoningCollectionAdmin
{
    private readonly VectorStoreCollection<Guid, ReasoningRecordEntity> _view;

    /// <summary>Creates the admin view of collection <paramref name="collectionName"/> in <paramref name="vectorStore"/>.</summary>
    /// <param name="vectorStore">The vector store holding the collection.</param>
    /// <param name="collectionName">The reasoning-record collection name.</param>
    public ReasoningCollectionAdmin(VectorStore vectorStore, string collectionName = ReasoningRecordEntity.DefaultCollectionName)
    {
        ArgumentNullException.ThrowIfNull(vectorStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionName);
        _view = vectorStore.GetCollection<Guid, ReasoningRecordEntity>(collectionName, DataOnlyDefinition());
    }

    /// <summary>Whether the collection exists.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => _view.CollectionExistsAsync(cancellationToken);

    /// <summary>Every record (of one user when <paramref name="userId"/> is set), without vectors, ordered by user, task and item.</summary>
    /// <param name="userId">One user, or null for every user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<IReadOnlyList<ReasoningRecord>> ReadAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        List<ReasoningRecordEntity> entities;
        if (userId is null)
        {
            entities = [];
            await foreach (var entity in _view.GetAsync(e => true, int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entities.Add(entity);
            }
        }
        else
        {
            entities = await UserScope.GetAsync(_view, userId, task: null, cancellationToken).ConfigureAwait(false);
        }

        return [.. entities
            .Select(ReasoningRecordMapping.ToRecord)
            .OrderBy(r => r.UserId, StringComparer.Ordinal)
            .ThenBy(r => r.Task, StringComparer.Ordinal)
            .ThenBy(r => r.ItemId, StringComparer.Ordinal)];
    }

    /// <summary>Drops the collection (records and vectors); recreate it with <see cref="Abstractions.IReasoningStore.EnsureReadyAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task DropAsync(CancellationToken cancellationToken = default) => _view.EnsureCollectionDeletedAsync(cancellationToken);

    private static VectorStoreCollectionDefinition DataOnlyDefinition() => new()
    {
        Properties = [.. ReasoningRecordEntity.CreateDefinition(1).Properties.Where(p => p is not VectorStoreVectorProperty)],
    };
}
