using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteVectorStoreTests
{
    [Fact]
    public void The_directory_of_the_path_is_created()
    {
        using var db = new TestDatabase();

        using var store = new RpmSqliteVectorStore(db.FilePath);

        Assert.True(Directory.Exists(Path.GetDirectoryName(db.FilePath)));
        Assert.Equal(db.FilePath, store.FilePath);
    }

    [Fact]
    public void In_memory_databases_are_rejected_with_the_alternative()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RpmSqliteVectorStore(":memory:"));

        Assert.Contains("InMemory", ex.Message);
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));

        using var connection = new SqliteConnection($"Data Source={t.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes()
    {
        using var db = new TestDatabase();

        // The second store does not pool, so the two never share a connection, like two processes.
        using var first = new RpmSqliteVectorStore(db.FilePath);
        using var second = new RpmSqliteVectorStore(db.FilePath, new RpmSqliteVectorStoreOptions { Pooling = false });
        var a = first.GetCollection<Guid, Doc>("docs");
        var b = second.GetCollection<Guid, Doc>("docs");
        await a.EnsureCollectionExistsAsync();
        await b.EnsureCollectionExistsAsync();

        await a.UpsertAsync(Doc.Create(1, "from-a"));
        Assert.Equal("from-a", (await b.GetAsync(Doc.KeyOf(1)))?.Tag);

        await b.UpsertAsync(Doc.Create(1, "changed-by-b"));
        Assert.Equal("changed-by-b", (await a.GetAsync(Doc.KeyOf(1)))?.Tag);

        await b.DeleteAsync(Doc.KeyOf(1));
        Assert.Null(await a.GetAsync(Doc.KeyOf(1)));
    }

    [Fact]
    public async Task Concurrent_writers_on_one_file_wait_for_each_other_instead_of_failing()
    {
        using var db = new TestDatabase();
        using var first = new RpmSqliteVectorStore(db.FilePath);
        using var second = new RpmSqliteVectorStore(db.FilePath, new RpmSqliteVectorStoreOptions { Pooling = false });
        var a = first.GetCollection<Guid, Doc>("docs");
        var b = second.GetCollection<Guid, Doc>("docs");
        await a.EnsureCollectionExistsAsync();

        var writes = Enumerable.Range(1, 40).Select(n => Task.Run(() => (n % 2 == 0 ? a : b).UpsertAsync(Doc.Create(n, "x"))));
        await Task.WhenAll(writes);

        Assert.Equal(40, (await a.GetAsync(d => d.Tag == "x", 100).ToListAsync()).Count);
    }

    [Fact]
    public async Task Dynamic_collections_store_dictionaries()
    {
        using var db = new TestDatabase();
        using var store = new RpmSqliteVectorStore(db.FilePath);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Key", typeof(string)),
                new VectorStoreDataProperty("Tag", typeof(string)) { IsIndexed = true },
                new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), 2),
            ],
        };
        var items = store.GetDynamicCollection("items", definition);
        await items.EnsureCollectionExistsAsync();

        await items.UpsertAsync(
        [
            new Dictionary<string, object?> { ["Key"] = "k1", ["Tag"] = "a", ["Vector"] = new ReadOnlyMemory<float>([1, 0]) },
            new Dictionary<string, object?> { ["Key"] = "k2", ["Tag"] = "b", ["Vector"] = new ReadOnlyMemory<float>([0, 1]) },
        ]);

        Assert.Equal("b", (await items.GetAsync("k2"))?["Tag"]);
        Assert.Equal("k1", Assert.Single(await items.GetAsync(r => (string)r["Tag"]! == "a", 5).ToListAsync())["Key"]);
        var best = await items.SearchAsync(new float[] { 0.1f, 1 }, 1).SingleAsync();
        Assert.Equal("k2", best.Record["Key"]);
    }

    [Fact]
    public void Dictionary_records_need_the_dynamic_collection()
    {
        using var db = new TestDatabase();
        using var store = new RpmSqliteVectorStore(db.FilePath);

        Assert.Throws<NotSupportedException>(() => store.GetCollection<object, Dictionary<string, object?>>("items"));
    }

    [Fact]
    public void Metadata_names_the_system_and_file()
    {
        using var db = new TestDatabase();
        using var store = new RpmSqliteVectorStore(db.FilePath);

        var metadata = (VectorStoreMetadata?)store.GetService(typeof(VectorStoreMetadata));

        Assert.Equal(("sqlite", "rpm.db"), (metadata?.VectorStoreSystemName, metadata?.VectorStoreName));
    }
}
