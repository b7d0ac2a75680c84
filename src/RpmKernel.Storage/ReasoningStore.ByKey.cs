using Microsoft.Extensions.VectorData;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary>
/// What an add needs of the stored records without reading them all: the user's write version, the
/// content hashes of the incoming items by key, and one stored item (the embedding-space probe).
/// </summary>
public sealed partial class ReasoningStore
{
    /// <summary>
    /// The write version of <paramref name="userId"/>'s records (a fresh random value after every write of them,
    /// in the same transaction, whatever the process), or null when the backend keeps none (Qdrant, a host's store).
    /// </summary>
    internal async Task<long?> GetWriteVersionAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return _collection is IUserWriteVersions versions
            ? await versions.GetWriteVersionAsync(userId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// The <see cref="ItemContentHash"/> of those of <paramref name="itemIds"/> that are stored for the user and task, by
    /// item id: point reads by key (narrow on SQLite), whatever the size of the history.
    /// </summary>
    internal async Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(string userId, string task, IEnumerable<string> itemIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentNullException.ThrowIfNull(itemIds);
        var keys = itemIds.Distinct(StringComparer.Ordinal).Select(id => RecordKeys.ForItem(userId, task, id)).ToList();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return hashes;
        }

        var legacy = new List<Guid>();
        if (ItemIdView is { } view)
        {
            await foreach (var row in view.GetAsync(keys, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                UserScope.EnsureScoped(row, userId, task);
                if (string.IsNullOrEmpty(row.ContentHash))
                {
                    legacy.Add(row.Key);
                }
                else
                {
                    hashes[row.ItemId] = row.ContentHash;
                }
            }
        }
        else
        {
            legacy = keys;
        }

        await foreach (var entity in _collection.GetAsync(legacy, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            UserScope.EnsureScoped(entity, userId, task);
            hashes[entity.ItemId] = !string.IsNullOrEmpty(entity.ContentHash) ? entity.ContentHash : ItemContentHash.Of(entity.Query, entity.Answer);
        }

        return hashes;
    }

    /// <summary>The id of one stored item of the user and task (any), or null when none is stored.</summary>
    internal async Task<string?> GetAnyItemIdAsync(string userId, string task, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        if (ItemIdView is { } view)
        {
            return await FirstAsync(view, userId, task, cancellationToken).ConfigureAwait(false) is { } row ? row.ItemId : null;
        }

        return await FirstAsync(_collection, userId, task, cancellationToken).ConfigureAwait(false) is { } entity ? entity.ItemId : null;
    }

    private static async Task<TEntity?> FirstAsync<TEntity>(VectorStoreCollection<Guid, TEntity> collection, string userId, string task, CancellationToken cancellationToken)
        where TEntity : class, IUserScopedEntity
    {
        await foreach (var entity in collection.GetAsync(UserScope.Filter<TEntity>(userId, task), 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            UserScope.EnsureScoped(entity, userId, task);
            return entity;
        }

        return null;
    }
}
