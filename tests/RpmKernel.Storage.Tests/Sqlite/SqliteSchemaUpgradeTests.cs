using Microsoft.Data.Sqlite;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteSchemaUpgradeTests
{
    [Fact]
    public async Task A_table_written_before_a_property_existed_gains_its_column_and_keeps_its_rows()
    {
        using var db = new TestDatabase();

        // The reasoning table as an earlier version wrote it: without EmbeddingDimensions.
        using (var earlier = SqliteStores.Open(db.FilePath, dimensions: 2))
        {
            await earlier.EnsureReadyAsync();
            await earlier.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "old")], [new float[] { 1, 0 }]);
        }

        using (var connection = new SqliteConnection($"Data Source={db.FilePath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"ALTER TABLE \"{ReasoningRecordEntity.DefaultCollectionName}\" DROP COLUMN \"{nameof(ReasoningRecordEntity.EmbeddingDimensions)}\";";
            drop.ExecuteNonQuery();
        }

        using var storage = SqliteStores.Open(db.FilePath, dimensions: 2);
        await storage.EnsureReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "new")], [new float[] { 0, 1 }]);

        var records = await storage.Reasoning.GetAllAsync("u1", "t");
        Assert.Equal(["new", "old"], records.Select(r => r.ItemId));
        Assert.Equal(0, records[1].EmbeddingDimensions);
        Assert.Equal(2, records[0].EmbeddingDimensions);
        Assert.Equal("old", (await storage.Reasoning.SearchAsync("u1", "t", new float[] { 1, 0 }, 1))[0].Record.ItemId);
    }
}
