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

        EnsureOwned(entity, userId, task);
        return UserModelMapping.ToModel(entity);
    }

    /// <summary>
    /// Stores <paramref name="model"/> with <paramref name="tallyJson"/>, the counts its statistics were read from,
    /// so the next update of the model need not read the other items. <see cref="UpsertAsync(UserModel, CancellationToken)"/>
    /// stores a model without them, which the next update rebuilds with a full recompute.
    /// </summary>
    internal Task UpsertWithTallyAsync(UserModel model, string? tallyJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(model.UserId) || string.IsNullOrWhiteSpace(model.Task))
        {
            throw new ArgumentException($"The model has an empty UserId or Task ('{model.UserId}', '{model.Task}'); both identify it and must be set.", nameof(model));
        }

        return _collection.UpsertAsync(UserModelMapping.ToEntity(model, tallyJson), cancellationToken);
    }

    /// <summary>The model of a user and task with the counts stored with it (raw JSON, null when none), or (null, null).</summary>
    internal async Task<(UserModel? Model, string? TallyJson)> GetWithTallyAsync(string userId, string task, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);

        var entity = await _collection.GetAsync(RecordKeys.ForUserModel(userId, task), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return (null, null);
        }

        EnsureOwned(entity, userId, task);
        return (UserModelMapping.ToModel(entity), UserModelMapping.TallyJson(entity));
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

    private static void EnsureOwned(UserModelEntity entity, string userId, string task)
    {
        if (!string.Equals(entity.UserId, userId, StringComparison.Ordinal) || !string.Equals(entity.Task, task, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The model stored under the key of user '{userId}', task '{task}' belongs to user '{entity.UserId}', task '{entity.Task}'. The collection was written by something else; delete it and re-ingest.");
        }
    }
}
