using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>
/// Only what costs nothing to lose after a power cut commits without flushing the disk: cached
/// responses and usage rows, written on every personalize call. Records, user models and every
/// delete (a forget) still wait for the disk.
/// </summary>
public sealed class SqliteDurabilityTests
{
    [Fact]
    public void Cached_responses_and_usage_rows_do_not_wait_for_the_disk_and_records_and_models_do()
    {
        using var db = new TestDatabase();
        using var store = new RpmSqliteVectorStore(db.FilePath);

        Assert.False(Collection<CachedResponseEntity>(store, CachedResponseEntity.DefaultCollectionName).WaitsForDisk);
        Assert.False(Collection<UsageRowEntity>(store, UsageRowEntity.DefaultCollectionName).WaitsForDisk);
        Assert.True(Collection<ReasoningRecordEntity>(store, ReasoningRecordEntity.DefaultCollectionName, ReasoningRecordEntity.CreateDefinition(2)).WaitsForDisk);
        Assert.True(Collection<UserModelEntity>(store, UserModelEntity.DefaultCollectionName).WaitsForDisk);
    }

    [Fact]
    public async Task A_usage_row_written_without_the_flush_is_read_at_once_by_another_store_on_the_file()
    {
        using var db = new TestDatabase();
        using var writer = SqliteStores.Open(db.FilePath, dimensions: 2);
        await writer.EnsureReadyAsync();
        using var reader = SqliteStores.Open(db.FilePath, dimensions: 2);
        await writer.Usage.AppendAsync([TestRecords.Usage("u1", "t", 1)]);
        await writer.Cache.SetAsync(TestRecords.Cached("u1", "t", "h1"));

        Assert.Single(await reader.Usage.GetAsync("u1"));
        Assert.NotNull(await reader.Cache.GetAsync("u1", "h1"));

        // The forget's deletes wait for the disk again on the same pooled connections.
        await writer.ForgetAsync("u1");
        Assert.Empty(await reader.Usage.GetAsync("u1"));
        Assert.Null(await reader.Cache.GetAsync("u1", "h1"));
    }

    private static SqliteCollection<Guid, T> Collection<T>(RpmSqliteVectorStore store, string name, VectorStoreCollectionDefinition? definition = null)
        where T : class
        => Assert.IsType<SqliteCollection<Guid, T>>(store.GetCollection<Guid, T>(name, definition));
}
