using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteCollectionTests
{
    [Fact]
    public async Task Upsert_then_get_returns_every_property()
    {
        using var t = await SqliteTestStore.CreateAsync();
        var when = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        await t.Docs.UpsertAsync(new Doc { Key = Doc.KeyOf(1), Tag = "a", Rank = 42, Flag = true, Note = "n", When = when, Vector = new float[] { 0.5f, -1.25f, 3 } });

        var doc = await t.Docs.GetAsync(Doc.KeyOf(1), new RecordRetrievalOptions { IncludeVectors = true });

        Assert.NotNull(doc);
        Assert.Equal(("a", 42, true, "n"), (doc.Tag, doc.Rank, doc.Flag, doc.Note));
        Assert.Equal(when, doc.When);
        Assert.Equal(TimeSpan.Zero, doc.When.Offset);
        Assert.Equal([0.5f, -1.25f, 3f], doc.Vector!.Value.ToArray());
    }

    [Fact]
    public async Task Get_without_IncludeVectors_leaves_the_vector_unset()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));

        var doc = await t.Docs.GetAsync(Doc.KeyOf(1));

        Assert.NotNull(doc);
        Assert.Null(doc.Vector);
    }

    [Fact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));

        Assert.Null(await t.Docs.GetAsync(Doc.KeyOf(2)));
    }

    [Fact]
    public async Task Upserting_the_same_key_twice_keeps_one_record_with_the_last_values()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "first"));
        await t.Docs.UpsertAsync(Doc.Create(1, "second"));

        var all = await t.Docs.GetAsync(d => true, 100).ToListAsync();

        Assert.Equal("second", Assert.Single(all).Tag);
    }

    [Fact]
    public async Task Get_many_returns_the_stored_subset_across_statement_chunks()
    {
        // 1,200 keys need three IN lists of at most 500.
        var docs = Enumerable.Range(1, 1200).Select(n => Doc.Create(n, "a")).ToArray();
        using var t = await SqliteTestStore.CreateAsync(docs);

        var keys = Enumerable.Range(1, 1300).Where(n => n % 2 == 0).Select(Doc.KeyOf).ToList();
        var found = await t.Docs.GetAsync(keys).ToListAsync();

        Assert.Equal(600, found.Count);
        Assert.All(found, d => Assert.True(d.Rank % 2 == 0 && d.Rank <= 1200));
    }

    [Fact]
    public async Task Delete_removes_only_the_given_keys()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"), Doc.Create(2, "a"), Doc.Create(3, "a"));

        await t.Docs.DeleteAsync(Doc.KeyOf(1));
        await t.Docs.DeleteAsync([Doc.KeyOf(3), Doc.KeyOf(99)]);

        var left = await t.Docs.GetAsync(d => true, 10).Select(d => d.Rank).ToListAsync();
        Assert.Equal([2], left);
    }

    [Fact]
    public async Task A_batch_with_an_invalid_record_stores_nothing()
    {
        using var t = await SqliteTestStore.CreateAsync();
        var bad = Doc.Create(2, "a", vector: [1, 2]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => t.Docs.UpsertAsync([Doc.Create(1, "a"), bad]));

        Assert.Contains("2-dimensional", ex.Message);
        Assert.Contains("3-dimensional", ex.Message);
        Assert.Empty(await t.Docs.GetAsync(d => true, 10).ToListAsync());
    }

    [Fact]
    public async Task An_empty_guid_key_is_generated_on_upsert()
    {
        using var t = await SqliteTestStore.CreateAsync();
        var doc = Doc.Create(1, "a");
        doc.Key = Guid.Empty;

        await t.Docs.UpsertAsync(doc);

        Assert.NotEqual(Guid.Empty, doc.Key);
        Assert.Equal("a", (await t.Docs.GetAsync(doc.Key))?.Tag);
    }

    [Fact]
    public async Task Filtered_get_supports_order_skip_and_top()
    {
        using var t = await SqliteTestStore.CreateAsync([.. Enumerable.Range(1, 10).Select(n => Doc.Create(n, n % 2 == 0 ? "even" : "odd"))]);

        var page = await t.Docs.GetAsync(
            d => d.Tag == "even",
            top: 2,
            new FilteredRecordRetrievalOptions<Doc> { Skip = 1, OrderBy = o => o.Descending(d => d.Rank) }).Select(d => d.Rank).ToListAsync();

        // Even ranks descending are 10, 8, 6, 4, 2; skip one, take two.
        Assert.Equal([8, 6], page);
    }

    [Fact]
    public async Task Collections_keyed_by_string_work()
    {
        using var db = new TestDatabase();
        using var store = new RpmSqliteVectorStore(db.FilePath);
        var notes = store.GetCollection<string, Note>("notes");
        await notes.EnsureCollectionExistsAsync();

        await notes.UpsertAsync([new Note { Id = "x", Text = "one" }, new Note { Id = "y", Text = "two" }]);
        await notes.DeleteAsync("x");

        Assert.Null(await notes.GetAsync("x"));
        Assert.Equal("two", (await notes.GetAsync("y"))?.Text);
        Assert.Equal("two", Assert.Single(await notes.GetAsync(n => n.Id == "y", 5).ToListAsync()).Text);
    }

    [Fact]
    public async Task Collections_keyed_by_long_work()
    {
        using var db = new TestDatabase();
        using var store = new RpmSqliteVectorStore(db.FilePath);
        var counters = store.GetCollection<long, Counter>("counters");
        await counters.EnsureCollectionExistsAsync();

        await counters.UpsertAsync([new Counter { Id = 5_000_000_000, Count = 1 }, new Counter { Id = 7, Count = 2 }]);

        Assert.Equal(1, (await counters.GetAsync(5_000_000_000))?.Count);
        Assert.Equal([7L], await counters.GetAsync(c => c.Count == 2, 5).Select(c => c.Id).ToListAsync());
    }

    [Fact]
    public async Task Reading_a_collection_that_was_never_created_says_how_to_create_it()
    {
        using var t = new SqliteTestStore();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => t.Docs.GetAsync(Doc.KeyOf(1)));

        Assert.Contains("'docs' does not exist", ex.Message);
        Assert.Contains("EnsureCollectionExistsAsync", ex.Message);
    }

    [Fact]
    public async Task Opening_a_collection_with_another_dimension_fails_naming_both_sizes()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));
        var wider = t.Store.GetCollection<Guid, Doc>("docs", VectorOnly(4));

        var ensure = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => wider.EnsureCollectionExistsAsync());
        var read = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => wider.GetAsync(Doc.KeyOf(1)));

        Assert.Contains("stores 3-dimensional vectors", ensure.Message);
        Assert.Contains("opened with 4 dimensions", ensure.Message);
        Assert.Equal(ensure.Message, read.Message);
    }

    [Fact]
    public async Task Backend_errors_become_VectorStoreException_with_names_filled_in()
    {
        using var db = new TestDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(db.FilePath)!);
        await File.WriteAllTextAsync(db.FilePath, string.Concat(Enumerable.Repeat("this is not a database ", 100)));
        using var store = new RpmSqliteVectorStore(db.FilePath);
        using var docs = store.GetCollection<Guid, Doc>("docs");

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => docs.EnsureCollectionExistsAsync());

        Assert.Equal("sqlite", ex.VectorStoreSystemName);
        Assert.Equal("rpm.db", ex.VectorStoreName);
        Assert.Equal("docs", ex.CollectionName);
        Assert.Equal("EnsureCollectionExists", ex.OperationName);
        Assert.IsType<SqliteException>(ex.InnerException);
        Assert.Contains(db.FilePath, ex.Message);
        Assert.Contains("not a valid SQLite database", ex.Message);
    }

    [Fact]
    public async Task Collection_lifecycle_is_reported_by_the_store()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));

        Assert.True(await t.Docs.CollectionExistsAsync());
        Assert.Equal(["docs"], await t.Store.ListCollectionNamesAsync().ToListAsync());

        await t.Store.EnsureCollectionDeletedAsync("docs");

        Assert.False(await t.Docs.CollectionExistsAsync());
        Assert.False(await t.Store.CollectionExistsAsync("docs"));
        Assert.Empty(await t.Store.ListCollectionNamesAsync().ToListAsync());
    }

    [Fact]
    public async Task A_deleted_collection_can_be_recreated_with_another_dimension()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));
        await t.Docs.EnsureCollectionDeletedAsync();
        var wider = t.Store.GetCollection<Guid, Doc>("docs", VectorOnly(4));

        await wider.EnsureCollectionExistsAsync();
        await wider.UpsertAsync(Doc.Create(1, "a", vector: [1, 2, 3, 4]));

        Assert.Equal("a", (await wider.GetAsync(Doc.KeyOf(1)))?.Tag);
    }

    [Fact]
    public void Metadata_names_the_system_and_collection()
    {
        using var t = new SqliteTestStore();

        var metadata = (VectorStoreCollectionMetadata?)t.Docs.GetService(typeof(VectorStoreCollectionMetadata));

        Assert.Equal(("sqlite", "docs"), (metadata?.VectorStoreSystemName, metadata?.CollectionName));
    }

    [Fact]
    public void Unsupported_models_are_rejected_with_the_supported_choices()
    {
        using var t = new SqliteTestStore();
        var euclid = new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreVectorProperty(nameof(Doc.Vector), typeof(ReadOnlyMemory<float>?), 3) { DistanceFunction = DistanceFunction.EuclideanDistance }],
        };

        var distance = Assert.Throws<NotSupportedException>(() => t.Store.GetCollection<Guid, Doc>("x", euclid));
        var name = Assert.Throws<ArgumentException>(() => t.Store.GetCollection<Guid, Doc>("bad name"));

        Assert.Contains(DistanceFunction.CosineSimilarity, distance.Message);
        Assert.Contains("ASCII letters", name.Message);
    }

    internal static VectorStoreCollectionDefinition VectorOnly(int dimensions) => new()
    {
        Properties = [new VectorStoreVectorProperty(nameof(Doc.Vector), typeof(ReadOnlyMemory<float>?), dimensions)],
    };

    public sealed class Counter
    {
        [VectorStoreKey]
        public long Id { get; set; }

        [VectorStoreData]
        public int Count { get; set; }
    }

    public sealed class Note
    {
        [VectorStoreKey]
        public string Id { get; set; } = "";

        [VectorStoreData]
        public string Text { get; set; } = "";
    }
}
