using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteSchemaMarkTests
{
    [Fact]
    public async Task A_store_whose_schema_is_current_opens_while_another_process_holds_the_write_lock()
    {
        using var db = new TestDatabase();
        using (var first = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await first.EnsureReadyAsync();
            await first.UserModels.UpsertAsync(TestRecords.Model("u1", "t"));
        }

        SqliteConnection.ClearAllPools();
        using var writer = HoldWriteLock(db.FilePath);

        // Only read: the marks are current, so no write transaction waits for the other writer.
        using var storage = SqliteStores.Open(db.FilePath, dimensions: 2, options: new RpmSqliteVectorStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        await storage.EnsureReadyAsync();
        Assert.NotNull(await storage.UserModels.GetAsync("u1", "t"));
    }

    [Fact]
    public async Task A_store_without_current_marks_runs_the_full_check_and_marks_it()
    {
        using var db = new TestDatabase();
        using (var first = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await first.EnsureReadyAsync();
        }

        // As a file of an earlier version: no marks. The full check writes, so it waits for the lock.
        Execute(db.FilePath, $"DROP TABLE \"{SqliteSchemaMarks.Table}\";");
        SqliteConnection.ClearAllPools();
        using (var writer = HoldWriteLock(db.FilePath))
        {
            using var blocked = SqliteStores.Open(db.FilePath, dimensions: 2, options: new RpmSqliteVectorStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });
            await Assert.ThrowsAsync<VectorStoreException>(() => blocked.EnsureReadyAsync());
        }

        SqliteConnection.ClearAllPools();
        using (var storage = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await storage.EnsureReadyAsync();
        }

        SqliteConnection.ClearAllPools();
        string[] collections = [ReasoningRecordEntity.DefaultCollectionName, UserModelEntity.DefaultCollectionName, CachedResponseEntity.DefaultCollectionName, UsageRowEntity.DefaultCollectionName];
        using var connection = new SqliteConnection($"Data Source={db.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"name\" FROM \"{SqliteSchemaMarks.Table}\" ORDER BY \"name\";";
        var marked = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                marked.Add(reader.GetString(0));
            }
        }

        Assert.Equal(collections.Order(StringComparer.Ordinal), marked);
    }

    [Fact]
    public async Task A_current_mark_still_refuses_another_embedding_dimension()
    {
        using var db = new TestDatabase();
        using (var first = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await first.EnsureReadyAsync();
        }

        using var other = SqliteStores.Open(db.FilePath, dimensions: 3);
        var ex = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => other.EnsureReadyAsync());
        Assert.Contains("stores 2-dimensional vectors", ex.Message, StringComparison.Ordinal);
    }

    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return connection;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
