using Microsoft.Extensions.VectorData;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage;

/// <summary><see cref="IUsageStore"/> over any VectorData collection of <see cref="UsageRowEntity"/>.</summary>
public sealed class UsageStore : IUsageStore
{
    private readonly VectorStoreCollection<Guid, UsageRowEntity> _collection;

    /// <summary>The name of the collection the store writes to.</summary>
    internal string CollectionName => _collection.Name;

    /// <summary>Creates a store over <paramref name="collection"/>.</summary>
    /// <param name="collection">The backing collection.</param>
    public UsageStore(VectorStoreCollection<Guid, UsageRowEntity> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
    }

    /// <inheritdoc />
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
        => _collection.EnsureCollectionExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<UsageRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (row is null || string.IsNullOrWhiteSpace(row.UserId) || string.IsNullOrWhiteSpace(row.Task) || string.IsNullOrWhiteSpace(row.Stage))
            {
                throw new ArgumentException("Every usage row needs a UserId, Task and Stage.", nameof(rows));
            }
        }

        if (rows.Count > 0)
        {
            await _collection.UpsertAsync(rows.Select(UsageRowMapping.ToEntity), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageRow>> GetAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        var entities = await UserScope.GetUserOrAllAsync(_collection, userId, cancellationToken).ConfigureAwait(false);
        return [.. entities.Select(UsageRowMapping.ToRow).OrderBy(r => r.At).ThenBy(r => r.Id)];
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default)
        => UserScope.DeleteAsync(_collection, userId, task, cancellationToken);
}
