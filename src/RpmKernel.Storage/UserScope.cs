using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary>Reads and deletes by user (and task) over any collection of <see cref="IUserScopedEntity"/>.</summary>
internal static class UserScope
{
    /// <summary>The filter of one user, and of one task unless <paramref name="task"/> is null.</summary>
    public static Expression<Func<TEntity, bool>> Filter<TEntity>(string userId, string? task)
        where TEntity : class, IUserScopedEntity
        => task is null
            ? e => e.UserId == userId
            : e => e.UserId == userId && e.Task == task;

    /// <summary>Every entity of a user (and task); an entity of anyone else coming back is a provider bug and fails loudly.</summary>
    public static async Task<List<TEntity>> GetAsync<TEntity>(VectorStoreCollection<Guid, TEntity> collection, string userId, string? task, CancellationToken cancellationToken)
        where TEntity : class, IUserScopedEntity
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (task is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(task);
        }

        var entities = new List<TEntity>();
        await foreach (var entity in collection.GetAsync(Filter<TEntity>(userId, task), int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            EnsureScoped(entity, userId, task);
            entities.Add(entity);
        }

        return entities;
    }

    /// <summary>Every entity of one user, or of every user when <paramref name="userId"/> is null (for reports and maintenance, never to serve a user).</summary>
    public static async Task<List<TEntity>> GetUserOrAllAsync<TEntity>(VectorStoreCollection<Guid, TEntity> collection, string? userId, CancellationToken cancellationToken)
        where TEntity : class, IUserScopedEntity
    {
        if (userId is not null)
        {
            return await GetAsync(collection, userId, task: null, cancellationToken).ConfigureAwait(false);
        }

        var entities = new List<TEntity>();
        await foreach (var entity in collection.GetAsync(e => true, int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entities.Add(entity);
        }

        return entities;
    }

    /// <summary>Deletes every entity of a user (and task); returns how many. A collection that can list keys alone (<see cref="IScopedKeyReader{TEntity}"/>) is not read in full.</summary>
    public static async Task<int> DeleteAsync<TEntity>(VectorStoreCollection<Guid, TEntity> collection, string userId, string? task, CancellationToken cancellationToken)
        where TEntity : class, IUserScopedEntity
    {
        var keys = collection is IScopedKeyReader<TEntity> reader
            ? await ScopedKeysAsync(reader, userId, task, cancellationToken).ConfigureAwait(false)
            : (await GetAsync(collection, userId, task, cancellationToken).ConfigureAwait(false)).Select(e => e.Key).ToList();
        if (keys.Count > 0)
        {
            await collection.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

    // Isolation must not depend on every provider translating filters right: fail loudly instead of leaking.
    public static void EnsureScoped(IUserScopedEntity entity, string userId, string? task)
        => EnsureScoped(entity.UserId, entity.Task, userId, task);

    private static async Task<List<Guid>> ScopedKeysAsync<TEntity>(IScopedKeyReader<TEntity> reader, string userId, string? task, CancellationToken cancellationToken)
        where TEntity : class, IUserScopedEntity
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (task is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(task);
        }

        var keys = await reader.GetScopedKeysAsync(Filter<TEntity>(userId, task), cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            EnsureScoped(key.UserId, key.Task, userId, task);
        }

        return [.. keys.Select(k => k.Key)];
    }

    private static void EnsureScoped(string? entityUserId, string? entityTask, string userId, string? task)
    {
        if (!string.Equals(entityUserId, userId, StringComparison.Ordinal) || (task is not null && !string.Equals(entityTask, task, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"The vector store returned an entry of user '{entityUserId}', task '{entityTask}' for a read scoped to user '{userId}'{(task is null ? "" : $", task '{task}'")}. The provider ignored the filter; use a provider that supports filtering on UserId and Task.");
        }
    }
}
