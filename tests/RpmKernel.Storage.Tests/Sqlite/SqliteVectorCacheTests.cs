using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>
/// Searches may answer from vectors kept in memory, but never from stale ones: two stores opened on
/// one file stand for two processes, and every write or forget by one is seen by the other's next search.
/// </summary>
public sealed class SqliteVectorCacheTests
{
    private static readonly ReadOnlyMemory<float> East = new float[] { 1, 0 };
    private static readonly ReadOnlyMemory<float> North = new float[] { 0, 1 };

    [Fact]
    public async Task A_record_written_by_another_process_is_found_by_the_next_search()
    {
        using var db = new TestDatabase();
        using var reader = await OpenAsync(db);
        using var writer = await OpenAsync(db);
        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "east")], [East]);

        Assert.Equal(["east"], await Top(reader, North, 5));

        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "north")], [North]);

        Assert.Equal(["north", "east"], await Top(reader, North, 5));
    }

    [Fact]
    public async Task A_record_rewritten_with_another_vector_by_another_process_ranks_by_its_new_vector()
    {
        using var db = new TestDatabase();
        using var reader = await OpenAsync(db);
        using var writer = await OpenAsync(db);
        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "t", "b")], [East, North]);
        Assert.Equal(["a"], await Top(reader, East, 1));

        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "t", "b")], [North, East]);

        Assert.Equal(["b"], await Top(reader, East, 1));
    }

    [Fact]
    public async Task Deletes_and_forgets_by_another_process_are_seen_and_forgotten_records_never_come_back()
    {
        using var db = new TestDatabase();
        using var reader = await OpenAsync(db);
        using var writer = await OpenAsync(db);
        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "other", "b")], [East, East]);
        Assert.Equal(["a"], await Top(reader, East, 5));

        await writer.Reasoning.DeleteAsync("u1", "t");
        Assert.Empty(await Top(reader, East, 5));

        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a")], [East]);
        Assert.Equal(["a"], await Top(reader, East, 5));

        // A forget of the whole user removes its version; the cached vectors must not serve it again,
        // even once a new ingest has written the same item ids.
        await writer.ForgetAsync("u1");
        Assert.Empty(await Top(reader, East, 5));
        await writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "c")], [North]);
        Assert.Equal(["c"], await Top(reader, East, 5));

        // A forget of one task gives the user a fresh version too.
        await writer.ForgetAsync("u1", "t");
        Assert.Empty(await Top(reader, East, 5));
    }

    [Fact]
    public async Task Zero_vectors_match_nothing_and_a_disabled_cache_still_searches()
    {
        using var db = new TestDatabase();
        using var storage = SqliteStores.Open(db.FilePath, dimensions: 2, options: new RpmSqliteVectorStoreOptions { VectorCacheBytes = 0 });
        await storage.EnsureReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "zero"), TestRecords.Record("u1", "t", "east")], [new float[] { 0, 0 }, East]);

        Assert.Equal(["east"], await Top(storage, North, 5));
        Assert.Empty(await storage.Reasoning.SearchAsync("u1", "t", new float[] { 0, 0 }, 5));
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "north")], [North]);
        Assert.Equal(["north", "east"], await Top(storage, North, 5));
    }

    [Fact]
    public void A_negative_cache_budget_is_refused_with_the_fix()
    {
        using var db = new TestDatabase();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SqliteStores.Open(db.FilePath, 2, options: new RpmSqliteVectorStoreOptions { VectorCacheBytes = -1 }));
        Assert.Contains("use 0 to turn the vector cache off", error.Message, StringComparison.Ordinal);
    }

    private static async Task<RpmStorage> OpenAsync(TestDatabase db)
    {
        var storage = SqliteStores.Open(db.FilePath, dimensions: 2);
        await storage.EnsureReadyAsync();
        return storage;
    }

    private static async Task<List<string>> Top(RpmStorage storage, ReadOnlyMemory<float> query, int top) =>
        [.. (await storage.Reasoning.SearchAsync("u1", "t", query, top)).Select(r => r.Record.ItemId)];
}
