using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>Every user-scoped read, search and delete is answered through a composite index on (UserId, Task), also in files written before it existed.</summary>
public sealed class SqliteScopeIndexTests
{
    private static readonly string[] Tables =
    [
        ReasoningRecordEntity.DefaultCollectionName,
        UserModelEntity.DefaultCollectionName,
        CachedResponseEntity.DefaultCollectionName,
        UsageRowEntity.DefaultCollectionName,
    ];

    [Fact]
    public async Task Scoped_reads_searches_and_forgets_use_the_composite_index_of_every_table()
    {
        using var s = await SqliteStorage.CreateAsync();
        await Populate(s.Storage);
        using var connection = Open(s.FilePath);

        var reasoning = (SqliteCollection<Guid, ReasoningRecordEntity>)s.Storage.VectorStore.GetCollection<Guid, ReasoningRecordEntity>(
            ReasoningRecordEntity.DefaultCollectionName, ReasoningRecordEntity.CreateDefinition(2));
        var model = new SqliteModelBuilder().Build(typeof(ReasoningRecordEntity), typeof(Guid), ReasoningRecordEntity.CreateDefinition(2), defaultEmbeddingGenerator: null);
        var filter = SqliteFilterTranslator.Translate(UserScope.Filter<ReasoningRecordEntity>("u1", "t"), model);

        // The search's vector read and the ingest's filtered read of the reasoning table.
        AssertUsesScopeIndex(connection, ReasoningRecordEntity.DefaultCollectionName, reasoning.ScopedVectorsSql("UserId", "Task"), [new("@user", "u1"), new("@task", "t")]);
        AssertUsesScopeIndex(connection, ReasoningRecordEntity.DefaultCollectionName, $"SELECT \"Key\" FROM \"{ReasoningRecordEntity.DefaultCollectionName}\" WHERE {filter.Sql};", filter.Parameters);
        foreach (var table in Tables)
        {
            // Reads of one user and task, and the forget's delete (as SqliteUserErasure writes it).
            AssertUsesScopeIndex(connection, table, $"SELECT * FROM \"{table}\" WHERE \"UserId\" = @user AND \"Task\" = @task;", [new("@user", "u1"), new("@task", "t")]);
            AssertUsesScopeIndex(connection, table, $"DELETE FROM \"{table}\" WHERE \"UserId\" = @user AND \"Task\" = @task;", [new("@user", "u1"), new("@task", "t")]);
            AssertUsesScopeIndex(connection, table, $"DELETE FROM \"{table}\" WHERE \"UserId\" = @user;", [new("@user", "u1")]);
        }
    }

    [Fact]
    public async Task A_search_reads_its_winners_by_key_not_through_the_users_rows()
    {
        using var s = await SqliteStorage.CreateAsync();
        await Populate(s.Storage);
        using var connection = Open(s.FilePath);
        var reasoning = (SqliteCollection<Guid, ReasoningRecordEntity>)s.Storage.VectorStore.GetCollection<Guid, ReasoningRecordEntity>(
            ReasoningRecordEntity.DefaultCollectionName, ReasoningRecordEntity.CreateDefinition(2));
        List<KeyValuePair<string, object>> parameters = [.. Enumerable.Range(0, 4).Select(i => new KeyValuePair<string, object>($"@k{i}", Guid.NewGuid().ToString())), new("@user", "u1"), new("@task", "t"), new("@collection", ReasoningRecordEntity.DefaultCollectionName)];

        var plan = Plan(connection, reasoning.ScopedWinnersSql("UserId", "Task", 4), parameters);

        // The user's write version, read in the same statement, is one lookup by its primary key.
        var version = Assert.Single(plan, p => p.Contains(SqliteWriteVersions.Table, StringComparison.Ordinal));
        Assert.Contains("PRIMARY KEY", version, StringComparison.Ordinal);

        // Through the (UserId, Task) indexes the read would visit every row of the user: a second per search at 50,000 records.
        var step = Assert.Single(plan, p => !p.Contains(SqliteWriteVersions.Table, StringComparison.Ordinal) && !p.Contains("SCALAR SUBQUERY", StringComparison.Ordinal));
        Assert.Contains("USING INDEX sqlite_autoindex_", step, StringComparison.Ordinal);
        Assert.Contains("(Key=?)", step, StringComparison.Ordinal);
        Assert.DoesNotContain("UserId", step, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_written_before_the_composite_index_gains_it_on_open_and_its_records_stay_searchable()
    {
        using var db = new TestDatabase();
        using (var earlier = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await earlier.EnsureReadyAsync();
            await Populate(earlier);
        }

        // The file as the previous version left it: single-column indexes only, no write versions.
        using (var connection = Open(db.FilePath))
        {
            var sql = string.Join(" ", Tables.Select(t => $"DROP INDEX \"{SqliteSchema.ScopeIndexName(t)}\"; DROP INDEX IF EXISTS \"{SqliteSchema.ItemIndexName(t)}\";")) + $" DROP TABLE \"{SqliteWriteVersions.Table}\";";
            Execute(connection, sql);
        }

        SqliteConnection.ClearAllPools();
        using var storage = SqliteStores.Open(db.FilePath, dimensions: 2);
        await storage.EnsureReadyAsync();

        using (var connection = Open(db.FilePath))
        {
            foreach (var table in Tables)
            {
                AssertUsesScopeIndex(connection, table, $"SELECT * FROM \"{table}\" WHERE \"UserId\" = @user AND \"Task\" = @task;", [new("@user", "u1"), new("@task", "t")]);
            }

            // Every user already in the file got a write version, so its vectors can be cached safely.
            Assert.Equal(3L, Scalar(connection, $"SELECT COUNT(*) FROM \"{SqliteWriteVersions.Table}\" WHERE \"collection\" = '{ReasoningRecordEntity.DefaultCollectionName}';"));
        }

        var found = await storage.Reasoning.SearchAsync("u1", "t", new float[] { 0, 1 }, 2);
        Assert.Equal(["i2", "i1"], found.Select(r => r.Record.ItemId));
        Assert.Equal(["i1", "i2"], (await storage.Reasoning.GetItemIdsAsync("u1", "t")).Order());
    }

    private static async Task Populate(RpmStorage storage)
    {
        await storage.Reasoning.UpsertAsync(
            [TestRecords.Record("u1", "t", "i1"), TestRecords.Record("u1", "t", "i2"), TestRecords.Record("u2", "t", "i1"), TestRecords.Record("u3", "other", "i1")],
            [new float[] { 1, 0 }, new float[] { 0, 1 }, new float[] { 0, 1 }, new float[] { 0, 1 }]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t"));
        await storage.Cache.SetAsync(TestRecords.Cached("u1", "t", "h1"));
        await storage.Usage.AppendAsync([TestRecords.Usage("u1", "t", 1)]);
    }

    private static void AssertUsesScopeIndex(SqliteConnection connection, string table, string sql, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        var plan = Plan(connection, sql, parameters);

        // The reasoning table's covering index of item columns starts with (UserId, Task) as well.
        string[] indexes = [SqliteSchema.ScopeIndexName(table), SqliteSchema.ItemIndexName(table)];
        Assert.Contains(plan, step => indexes.Any(index => step.Contains($"USING INDEX {index} (UserId=?", StringComparison.Ordinal)
            || step.Contains($"USING COVERING INDEX {index} (UserId=?", StringComparison.Ordinal)));
    }

    private static List<string> Plan(SqliteConnection connection, string sql, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
