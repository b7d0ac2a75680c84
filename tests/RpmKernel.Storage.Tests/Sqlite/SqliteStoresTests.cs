using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteStoresTests
{
    [Fact]
    public async Task Open_creates_every_collection_in_one_file()
    {
        using var db = new TestDatabase();
        using var storage = SqliteStores.Open(db.FilePath, dimensions: 4);

        await storage.EnsureReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[] { 1, 2, 3, 4 }]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t"));

        Assert.Equal(
            new[] { CachedResponseEntity.DefaultCollectionName, ReasoningRecordEntity.DefaultCollectionName, UsageRowEntity.DefaultCollectionName, UserModelEntity.DefaultCollectionName },
            (await storage.VectorStore.ListCollectionNamesAsync().ToListAsync()).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(db.FilePath));
    }

    [Fact]
    public async Task Reopening_a_file_with_another_embedding_dimension_fails_naming_both_sizes()
    {
        using var db = new TestDatabase();
        using (var minilm = SqliteStores.Open(db.FilePath, dimensions: 384))
        {
            await minilm.EnsureReadyAsync();
        }

        using var openai = SqliteStores.Open(db.FilePath, dimensions: 1536);
        var ex = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => openai.EnsureReadyAsync());

        Assert.Contains("384-dimensional", ex.Message);
        Assert.Contains("1536 dimensions", ex.Message);
        Assert.Contains("rpm_reasoning", ex.Message);
    }

    [Fact]
    public async Task Data_written_by_one_opening_is_read_by_the_next()
    {
        using var db = new TestDatabase();
        using (var first = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await first.EnsureReadyAsync();
            await first.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[] { 1, 0 }]);
        }

        using var second = SqliteStores.Open(db.FilePath, dimensions: 2);

        Assert.Equal(["i1"], await second.Reasoning.GetItemIdsAsync("u1", "t"));
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        using var db = new TestDatabase();

        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteStores.Open(db.FilePath, 0));
        Assert.Throws<ArgumentException>(() => SqliteStores.Open(db.FilePath, 2, "same", "same"));
        Assert.Throws<ArgumentException>(() => SqliteStores.Open(" ", 2));
    }
}
