using System.Linq.Expressions;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// A collection that can list the keys of the entities matching a filter, with only their user
/// and task, without reading whole records: deleting a user's thousands of cached responses then
/// moves ids, not payloads. Collections without it are read in full.
/// </summary>
internal interface IScopedKeyReader<TEntity>
    where TEntity : class
{
    /// <summary>The key, user and task of every entity matching <paramref name="filter"/>.</summary>
    Task<IReadOnlyList<ScopedKey>> GetScopedKeysAsync(Expression<Func<TEntity, bool>> filter, CancellationToken cancellationToken);
}
