using Microsoft.Extensions.VectorData;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary><see cref="IResponseCacheStore"/> over any VectorData collection of <see cref="CachedResponseEntity"/>, addressed by <see cref="RecordKeys.ForCacheEntry"/>.</summary>
public sealed class ResponseCacheStore : IResponseCacheStore
{
    private readonly VectorStoreCollection<Guid, CachedResponseEntity> _collection;

    /// <summary>The name of the collection the store writes to.</summary>
    internal string CollectionName => _collection.Name;

    /// <summary>Creates a store over <paramref name="collection"/>.</summary>
    /// <param name="collection">The backing collection.</param>
    public ResponseCacheStore(VectorStoreCollection<Guid, CachedResponseEntity> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
    }

    /// <inheritdoc />
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
        => _collection.EnsureCollectionExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<CachedResponse?> GetAsync(string userId, string hash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        var entity = await _collection.GetAsync(RecordKeys.ForCacheEntry(userId, hash), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        UserScope.EnsureScoped(entity, userId, task: null);
        return string.Equals(entity.Hash, hash, StringComparison.Ordinal) ? CachedResponseMapping.ToResponse(entity) : null;
    }

    /// <inheritdoc />
    public Task SetAsync(CachedResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (string.IsNullOrWhiteSpace(response.UserId) || string.IsNullOrWhiteSpace(response.Task) || string.IsNullOrWhiteSpace(response.Hash))
        {
            throw new ArgumentException($"The cached response has an empty UserId, Task or Hash ('{response.UserId}', '{response.Task}', '{response.Hash}'); all three must be set.", nameof(response));
        }

        return _collection.UpsertAsync(CachedResponseMapping.ToEntity(response), cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default)
        => UserScope.DeleteAsync(_collection, userId, task, cancellationToken);
}
