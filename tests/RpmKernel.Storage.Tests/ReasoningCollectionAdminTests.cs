using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests;

/// <summary>
/// The admin view used by re-embedding: it reads a collection whatever its embedding dimension,
/// across users, and drops it so a store of another dimension can recreate it.
/// </summary>
public sealed class ReasoningCollectionAdminTests
{
    [Fact]
    public async Task Records_remember_the_dimension_they_were_embedded_with()
    {
        using var sqlite = await SqliteStorage.CreateAsync(dimensions: 3);
        await sqlite.Storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a")], [new float[] { 1, 0, 0 }]);

        var stored = Assert.Single(await sqlite.Storage.Reasoning.GetAllAsync("u1", "t"));

        Assert.Equal(3, stored.EmbeddingDimensions);
    }

    [Fact]
    public async Task Reads_every_user_or_one_user_without_vectors()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        await sqlite.Storage.Reasoning.UpsertAsync(
            [TestRecords.Record("u2", "t", "b"), TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "s", "c")],
            [new float[] { 1, 0 }, new float[] { 0, 1 }, new float[] { 1, 1 }]);
        var admin = new ReasoningCollectionAdmin(sqlite.Storage.VectorStore);

        var all = await admin.ReadAsync();
        var one = await admin.ReadAsync("u1");

        Assert.Equal([("u1", "s", "c"), ("u1", "t", "a"), ("u2", "t", "b")], all.Select(r => (r.UserId, r.Task, r.ItemId)));
        Assert.Equal(["c", "a"], one.Select(r => r.ItemId));
        var expected = TestRecords.Record("u1", "t", "a");
        var read = all[1];
        Assert.Equal((expected.Query, expected.Reasoning, expected.FeatureText, expected.CreatedAt, 2), (read.Query, read.Reasoning, read.FeatureText, read.CreatedAt, read.EmbeddingDimensions));
        Assert.Equal(expected.Features, read.Features);
    }

    [Fact]
    public async Task A_collection_of_another_dimension_is_read_then_dropped_and_recreated_by_a_store_of_the_new_one()
    {
        using var database = new TestDatabase();
        using (var old = SqliteStores.Open(database.FilePath, dimensions: 2))
        {
            await old.EnsureReadyAsync();
            await old.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a")], [new float[] { 1, 0 }]);
        }

        using var wider = SqliteStores.Open(database.FilePath, dimensions: 4);
        await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => wider.Reasoning.EnsureReadyAsync());
        var admin = new ReasoningCollectionAdmin(wider.VectorStore);

        var records = await admin.ReadAsync();
        Assert.True(await admin.ExistsAsync());
        await admin.DropAsync();
        Assert.False(await admin.ExistsAsync());
        await wider.Reasoning.EnsureReadyAsync();
        await wider.Reasoning.UpsertAsync(records, [new float[] { 0, 0, 1, 0 }]);

        var found = Assert.Single(await wider.Reasoning.SearchAsync("u1", "t", new float[] { 0, 0, 1, 0 }, top: 1));
        Assert.Equal("a", found.Record.ItemId);
        Assert.Equal(4, found.Record.EmbeddingDimensions);
        Assert.Equal(1, found.Score, precision: 5);
    }

    [Fact]
    public async Task A_missing_collection_does_not_exist_and_reads_nothing_after_creation()
    {
        using var database = new TestDatabase();
        using var storage = SqliteStores.Open(database.FilePath, dimensions: 2);
        var admin = new ReasoningCollectionAdmin(storage.VectorStore);

        Assert.False(await admin.ExistsAsync());
        await storage.EnsureReadyAsync();
        Assert.Empty(await admin.ReadAsync());
    }

    [Fact]
    public async Task A_rebuild_without_one_embedding_per_record_is_refused_before_anything_changes()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var records = new[] { TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "t", "b") };
        await sqlite.Storage.Reasoning.UpsertAsync(records, [new float[] { 1, 0 }, new float[] { 0, 1 }]);
        var admin = new ReasoningCollectionAdmin(sqlite.Storage.VectorStore);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => admin.RebuildAsync(records, [new float[] { 1, 0, 0 }]));

        Assert.Contains("2 records but 1 embeddings", ex.Message, StringComparison.Ordinal);
        Assert.False(await admin.IsRebuildInterruptedAsync());
        Assert.Equal(2, (await sqlite.Storage.Reasoning.GetAllAsync("u1", "t")).Count);
    }
}
