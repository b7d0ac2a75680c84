using Microsoft.Extensions.VectorData;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary>
/// <see cref="IUserModelStore"/> over any VectorData collection of <see cref="UserModelEntity"/>:
/// one JSON document per user and task, addressed by <see cref="RecordKeys.ForUserModel"/>.
/// </summary>
public sealed class UserModelStore : IUserModelStore
{
    private readonly VectorStoreCollection<Guid, UserModelEntity> _collection;

    /// <summary>The name of the collection the store writes to.</summary>
    internal string CollectionName => _collection.Name;

    /// <summary>Creates a store over <paramref name="collection"/>.</summary>
    /// <param name="collection">The backing collection.</param>
    public UserModelStore(VectorStoreCollection<Guid, UserModelEntity> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
    }

    /// <inheritdoc />
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
        => _collection.EnsureCollectionExistsAsync(cancellationToken);

    /// <inheritdoc />
    public Task UpsertAsync(UserModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(model.UserId) || string.IsNullOrWhiteSpace(model.Task))
        {
            throw new ArgumentException($"The model has an empty UserId or Task ('{model.UserId}', '{model.Task}'); both identify it and must be set.", nameof(model));
        }

        return _collection.UpsertAsync(UserModelMapping.ToEntity(model), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<UserModel?> GetAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);

        var entity = await _collection.GetAsync(RecordKeys.ForUserModel(userId, task), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        if (!string.Equals(entity.UserId, userId, StringComparison.Ordinal) || !string.Equals(entity.Task, task, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The model stored under the key of user '{userId}', task '{task}' belongs to user '{entity.UserId}', task '{entity.Task}'. The collection was written by something else; delete it and re-ingest.");
        }

        return UserModelMapping.ToModel(entity);
    }

    /// <summary>The models of one user (or of every user when <paramref name="userId"/> is null), of one task or all; for reports and maintenance, never to serve a user.</summary>
    internal async Task<List<UserModel>> ListAsync(string? userId, string? task, CancellationToken cancellationToken)
    {
        var entities = await UserScope.GetUserOrAllAsync(_collection, userId, cancellationToken).ConfigureAwait(false);
        return [.. entities
            .Where(e => task is null || string.Equals(e.Task, task, StringComparison.Ordinal))
            .Select(UserModelMapping.ToModel)
            .OrderBy(m => m.UserId, StringComparer.Ordinal)
            .ThenBy(m => m.Task, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default)
        => UserScope.DeleteAsync(_collection, userId, task, cancellationToken);
}
