using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Tests.Fakes;

/// <summary>
/// A minimal in-process VectorData collection that evaluates filters by compiling them; it stands
/// for "some other backend" to show the stores depend on the VectorData abstraction only.
/// With <c>ignoreFilters</c> it plays a broken provider that returns everything.
/// </summary>
public sealed class ListBackend<TRecord>(
    Func<TRecord, Guid> key,
    Func<TRecord, ReadOnlyMemory<float>?> vector,
    bool ignoreFilters = false) : VectorStoreCollection<Guid, TRecord>
    where TRecord : class
{
    private readonly Dictionary<Guid, TRecord> _records = [];

    public override string Name => "list";

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _records.Clear();
        return Task.CompletedTask;
    }

    public override Task<TRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
        => Task.FromResult(_records.GetValueOrDefault(key));

    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var record in Filter(filter).Take(top))
        {
            yield return record;
        }
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default)
    {
        _records.Remove(key);
        return Task.CompletedTask;
    }

    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        _records[key(record)] = record;
        return Task.CompletedTask;
    }

    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            await UpsertAsync(record, cancellationToken);
        }
    }

    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var query = ((ReadOnlyMemory<float>)(object)searchValue).ToArray();
        var ranked = Filter(options?.Filter)
            .Where(r => vector(r) is not null)
            .Select(r => new VectorSearchResult<TRecord>(r, VectorMath.Cosine(query, vector(r)!.Value.ToArray())))
            .OrderByDescending(r => r.Score)
            .Take(top);
        foreach (var result in ranked)
        {
            yield return result;
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) => null;

    private IEnumerable<TRecord> Filter(Expression<Func<TRecord, bool>>? filter)
        => filter is null || ignoreFilters ? _records.Values : _records.Values.Where(filter.Compile());
}
