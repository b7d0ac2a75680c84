using Microsoft.Data.Sqlite;
using RpmKernel.Core.History;
using RpmKernel.Storage.Records;
using RpmKernel.Storage.Sqlite;
using RpmKernel.Storage.Tests.Fakes;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>
/// What an ingest reads of a long history: ids and content hashes, then answers and features, each
/// from the covering index alone, and the same from any other backend (whole records read) and from
/// files written before the hash was stored.
/// </summary>
public sealed class SqliteItemDigestTests
{
    private static readonly ReadOnlyMemory<float> East = new float[] { 1, 0 };

    [Fact]
    public async Task Content_hashes_and_evidence_come_back_per_user_and_task_as_stored()
    {
        using var s = await SqliteStorage.CreateAsync();
        await Populate(s.Storage);

        var hashes = await s.Storage.Reasoning.GetContentHashesAsync("u1", "t");
        var evidence = await s.Storage.Reasoning.GetEvidenceAsync("u1", "t");

        Assert.Equal(["i1", "i2"], hashes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ItemContentHash.Of("query i1", "yes"), hashes["i1"]);
        Assert.Equal(ItemContentHash.Of("query i2", "no"), hashes["i2"]);
        Assert.Equal(["i1", "i2"], evidence.Select(e => e.ItemId));
        Assert.Equal(["yes", "no"], evidence.Select(e => e.Answer));
        Assert.Equal(TestRecords.Record("u1", "t", "i1").Features, evidence[0].Features);
        Assert.Equal(TestRecords.Record("u1", "t", "i1").CreatedAt, evidence[0].CreatedAt);
    }

    [Fact]
    public async Task Ids_hashes_and_evidence_are_read_from_the_covering_index_without_visiting_the_rows()
    {
        using var s = await SqliteStorage.CreateAsync();
        await Populate(s.Storage);
        using var connection = new SqliteConnection($"Data Source={s.FilePath};Pooling=False");
        connection.Open();
        var table = ReasoningRecordEntity.DefaultCollectionName;

        // The columns the narrow views select, as the SQLite collection writes its filtered read.
        foreach (var columns in new[] { "\"Key\", \"UserId\", \"Task\", \"ItemId\", \"ContentHash\"", "\"Key\", \"UserId\", \"Task\", \"ItemId\", \"Answer\", \"FeaturesJson\", \"CreatedAt\"" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"EXPLAIN QUERY PLAN SELECT {columns} FROM \"{table}\" WHERE (\"UserId\" = @user AND \"Task\" = @task) LIMIT @top OFFSET @skip;";
            command.Parameters.AddWithValue("@user", "u1");
            command.Parameters.AddWithValue("@task", "t");
            command.Parameters.AddWithValue("@top", int.MaxValue);
            command.Parameters.AddWithValue("@skip", 0);
            var plan = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            Assert.Contains(plan, step => step.Contains($"USING COVERING INDEX {SqliteSchema.ItemIndexName(table)} (UserId=? AND Task=?)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Records_written_before_the_hash_was_stored_are_hashed_from_their_query_and_answer()
    {
        using var s = await SqliteStorage.CreateAsync();
        await Populate(s.Storage);
        using (var connection = new SqliteConnection($"Data Source={s.FilePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE \"{ReasoningRecordEntity.DefaultCollectionName}\" SET \"ContentHash\" = NULL WHERE \"ItemId\" = 'i2';";
            Assert.Equal(2, command.ExecuteNonQuery());
        }

        var hashes = await s.Storage.Reasoning.GetContentHashesAsync("u1", "t");

        Assert.Equal(ItemContentHash.Of("query i1", "yes"), hashes["i1"]);
        Assert.Equal(ItemContentHash.Of("query i2", "no"), hashes["i2"]);
    }

    [Fact]
    public async Task Another_backend_gives_the_same_hashes_and_evidence_from_whole_records()
    {
        var store = new ReasoningStore(new ListBackend<ReasoningRecordEntity>(e => e.Key, e => e.Embedding));
        await store.UpsertAsync([TestRecords.Record("u1", "t", "i2", answer: "no"), TestRecords.Record("u1", "t", "i1"), TestRecords.Record("u2", "t", "i1")], [East, East, East]);

        var hashes = await store.GetContentHashesAsync("u1", "t");
        var evidence = await store.GetEvidenceAsync("u1", "t");

        Assert.Equal(ItemContentHash.Of("query i2", "no"), hashes["i2"]);
        Assert.Equal(2, hashes.Count);
        Assert.Equal(["i1", "i2"], evidence.Select(e => e.ItemId));
        Assert.Equal(["yes", "no"], evidence.Select(e => e.Answer));
    }

    [Fact]
    public void The_content_hash_tells_apart_texts_that_concatenate_alike()
    {
        Assert.NotEqual(ItemContentHash.Of("ab", "c"), ItemContentHash.Of("a", "bc"));
        Assert.Equal(ItemContentHash.Of("q", "a"), ItemContentHash.Of(new HistoryItem("x", "q", "a")));
        Assert.Equal(32, ItemContentHash.Of("q", "a").Length);
    }

    private static Task Populate(RpmStorage storage) => storage.Reasoning.UpsertAsync(
        [TestRecords.Record("u1", "t", "i1"), TestRecords.Record("u1", "t", "i2", answer: "no"), TestRecords.Record("u2", "t", "i2"), TestRecords.Record("u1", "other", "i3")],
        [East, East, East, East]);
}
