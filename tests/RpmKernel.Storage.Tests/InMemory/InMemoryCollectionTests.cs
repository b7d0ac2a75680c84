using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.InMemory;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.InMemory;

public sealed class InMemoryCollectionTests
{
    private static async Task<VectorStoreCollection<Guid, ReasoningRecordEntity>> CollectionAsync(RpmInMemoryVectorStore store)
    {
        var collection = store.GetCollection<Guid, ReasoningRecordEntity>("records", ReasoningRecordEntity.CreateDefinition(2));
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }

    private static ReasoningRecordEntity Entity(string user, string item, float[] vector)
        => new() { Key = Guid.NewGuid(), UserId = user, Task = "t", ItemId = item, Embedding = vector };

    [Fact]
    public async Task Changing_a_record_after_storing_or_reading_it_does_not_change_what_is_stored()
    {
        using var store = new RpmInMemoryVectorStore();
        var collection = await CollectionAsync(store);
        var vector = new float[] { 1, 0 };
        var entity = Entity("u1", "i1", vector);
        await collection.UpsertAsync(entity);

        entity.Answer = "changed after upsert";
        vector[0] = -1;
        var read = await collection.GetAsync(entity.Key, new RecordRetrievalOptions { IncludeVectors = true });
        read!.Answer = "changed after read";
        var again = await collection.GetAsync(entity.Key, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Equal("", again?.Answer);
        Assert.Equal([1f, 0f], again?.Embedding?.ToArray()!);
        Assert.NotSame(read, again);
    }

    [Fact]
    public async Task Any_linq_filter_works_because_filters_are_compiled()
    {
        using var store = new RpmInMemoryVectorStore();
        var collection = await CollectionAsync(store);
        await collection.UpsertAsync([Entity("alice", "a1", [1, 0]), Entity("bob", "b1", [0, 1]), Entity("carol", "c1", [1, 1])]);

        var found = await collection.GetAsync(e => e.UserId.StartsWith('a') || e.ItemId.EndsWith('1') && e.UserId != "bob", 10).ToListAsync();
        var searched = await collection.SearchAsync(new float[] { 1, 0 }, 5, new() { Filter = e => e.UserId.Length > 3 }).ToListAsync();

        Assert.Equal(["alice", "carol"], found.Select(e => e.UserId).Order());
        Assert.Equal(["alice", "carol"], searched.Select(r => r.Record.UserId));
        Assert.Equal(1, searched[0].Score!.Value, 6);
        Assert.Equal(Math.Sqrt(0.5), searched[1].Score!.Value, 6);
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_records()
    {
        using var store = new RpmInMemoryVectorStore();
        var collection = await CollectionAsync(store);

        await Parallel.ForAsync(0, 200, async (i, ct) => await collection.UpsertAsync(Entity("u1", $"i{i}", [i, 1]), ct));

        Assert.Equal(200, (await collection.GetAsync(e => e.UserId == "u1", int.MaxValue).ToListAsync()).Count);
    }

    [Fact]
    public async Task A_collection_that_was_never_created_says_how_to_create_it()
    {
        using var store = new RpmInMemoryVectorStore();
        var collection = store.GetCollection<Guid, ReasoningRecordEntity>("missing", ReasoningRecordEntity.CreateDefinition(2));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => collection.UpsertAsync(Entity("u1", "i1", [1, 0])));

        Assert.Contains("EnsureCollectionExistsAsync", ex.Message);
        Assert.False(await store.CollectionExistsAsync("missing"));
    }

    [Fact]
    public async Task A_view_of_another_record_class_sees_the_same_records_whatever_their_vector_size()
    {
        using var store = new RpmInMemoryVectorStore();
        var collection = await CollectionAsync(store);
        var entity = Entity("u1", "i1", [1, 0]);
        entity.Answer = "kept";
        await collection.UpsertAsync(entity);
        var data = store.GetCollection<Guid, ReasoningRecordData>("records");

        var read = await data.GetAsync(entity.Key);
        var filtered = await data.GetAsync(d => d.UserId == "u1", 5).ToListAsync();

        Assert.IsType<ReasoningRecordData>(read);
        Assert.Equal(("u1", "i1", "kept"), (read?.UserId, read?.ItemId, read?.Answer));
        Assert.Equal([entity.Key], filtered.Select(d => d.Key));
        var wider = store.GetCollection<Guid, ReasoningRecordEntity>("records", ReasoningRecordEntity.CreateDefinition(3));
        await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => wider.GetAsync(entity.Key));
    }

    [Fact]
    public async Task A_view_without_vectors_does_not_write_records_without_vectors_into_a_collection_with_them()
    {
        using var store = new RpmInMemoryVectorStore();
        await CollectionAsync(store);
        var data = store.GetCollection<Guid, ReasoningRecordData>("records");

        var ex = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => data.UpsertAsync(new ReasoningRecordData { Key = Guid.NewGuid(), UserId = "u1" }));

        Assert.Contains("stores 2-dimensional vectors, but it was opened with no vectors", ex.Message);
        Assert.Empty(await data.GetAsync(d => true, 5).ToListAsync());
    }

    [Fact]
    public async Task A_scoped_search_ranks_the_users_vectors_skips_zero_vectors_and_sees_deletes_through_another_view()
    {
        using var store = new RpmInMemoryVectorStore();
        var collection = await CollectionAsync(store);
        var scoped = Assert.IsAssignableFrom<IScopedVectorSearch<ReasoningRecordEntity>>(collection);
        var east = Entity("u1", "east", [1, 0]);
        await collection.UpsertAsync([east, Entity("u1", "north", [0, 1]), Entity("u1", "zero", [0, 0]), Entity("u2", "theirs", [1, 0])]);

        var found = await scoped.SearchScopedAsync("u1", "t", new float[] { 3, 0 }, 5, CancellationToken.None);

        Assert.Equal(["east", "north"], found.Select(r => r.Record.ItemId));
        Assert.Equal([1.0, 0.0], found.Select(r => Math.Round(r.Score ?? double.NaN, 6)));
        Assert.Empty(await scoped.SearchScopedAsync("u1", "t", new float[] { 0, 0 }, 5, CancellationToken.None));

        // A delete through a view without vectors (as erasure does) is seen: kept vectors that still
        // held the deleted best match would return no record at all for the best one.
        await store.GetCollection<Guid, ReasoningRecordData>("records").DeleteAsync(east.Key);
        Assert.Equal(["north"], (await scoped.SearchScopedAsync("u1", "t", new float[] { 1, 0 }, 1, CancellationToken.None)).Select(r => r.Record.ItemId));
        await collection.EnsureCollectionDeletedAsync();
        await collection.EnsureCollectionExistsAsync();
        Assert.Empty(await scoped.SearchScopedAsync("u1", "t", new float[] { 1, 0 }, 5, CancellationToken.None));
    }
}
