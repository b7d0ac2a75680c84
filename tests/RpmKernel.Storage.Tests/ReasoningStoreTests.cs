using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Tests;

public sealed class ReasoningStoreTests
{
    private static readonly ReadOnlyMemory<float> East = new float[] { 1, 0 };

    [Fact]
    public async Task Storing_the_same_item_twice_keeps_one_record_with_the_last_version()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;

        await store.UpsertAsync([TestRecords.Record("u1", "t", "i1", answer: "first")], [East]);
        await store.UpsertAsync([TestRecords.Record("u1", "t", "i1", answer: "second")], [East]);

        Assert.Equal("second", Assert.Single(await store.GetAllAsync("u1", "t")).Answer);
    }

    [Fact]
    public async Task Every_field_of_a_record_round_trips()
    {
        using var s = await SqliteStorage.CreateAsync();
        var record = TestRecords.Record("u1", "t", "i1");

        await s.Storage.Reasoning.UpsertAsync([record], [East]);

        RecordAssert.Equal(record, Assert.Single(await s.Storage.Reasoning.GetAllAsync("u1", "t")));
    }

    [Fact]
    public async Task Item_ids_are_those_of_the_user_and_task()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;
        await Upsert(store, ("u1", "t", "i1"), ("u1", "t", "i2"), ("u1", "other", "i3"), ("u2", "t", "i4"));

        Assert.Equal(["i1", "i2"], (await store.GetItemIdsAsync("u1", "t")).Order());
    }

    [Fact]
    public async Task Search_ranks_by_cosine_similarity_best_first()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;
        await store.UpsertAsync(
            [TestRecords.Record("u1", "t", "north"), TestRecords.Record("u1", "t", "east"), TestRecords.Record("u1", "t", "north-east"), TestRecords.Record("u1", "t", "west")],
            [new float[] { 0, 3 }, new float[] { 2, 0 }, new float[] { 1, 1 }, new float[] { -1, 0 }]);

        var results = await store.SearchAsync("u1", "t", East, top: 3);

        // cos to (1, 0): east 1, north-east 1/sqrt(2), north 0, west -1.
        Assert.Equal(["east", "north-east", "north"], results.Select(r => r.Record.ItemId));
        Assert.Equal(1, results[0].Score, 6);
        Assert.Equal(Math.Sqrt(0.5), results[1].Score, 6);
        Assert.Equal(0, results[2].Score, 6);
    }

    [Fact]
    public async Task Records_of_another_user_are_never_returned_even_with_the_same_item_ids()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;
        await store.UpsertAsync([TestRecords.Record("alice", "t", "i1", "alice's")], [new float[] { 0, 1 }]);

        // Bob's record has the same item id and exactly the query's direction.
        await store.UpsertAsync([TestRecords.Record("bob", "t", "i1", "bob's")], [East]);

        Assert.Equal("alice's", Assert.Single(await store.GetAllAsync("alice", "t")).Answer);
        Assert.Equal("alice's", Assert.Single(await store.SearchAsync("alice", "t", East, 10)).Record.Answer);
        Assert.Equal("bob's", Assert.Single(await store.SearchAsync("bob", "t", East, 10)).Record.Answer);
    }

    [Fact]
    public async Task Records_of_another_task_are_never_returned()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;
        await Upsert(store, ("u1", "lamp2", "i1"), ("u1", "lamp3", "i1"));

        Assert.Equal("lamp2", Assert.Single(await store.SearchAsync("u1", "lamp2", East, 10)).Record.Task);
        Assert.Equal("lamp3", Assert.Single(await store.GetAllAsync("u1", "lamp3")).Task);
    }

    [Fact]
    public async Task Deleting_one_task_leaves_the_users_other_tasks_and_other_users()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;
        await Upsert(store, ("u1", "t1", "a"), ("u1", "t1", "b"), ("u1", "t2", "c"), ("u2", "t1", "a"));

        Assert.Equal(2, await store.DeleteAsync("u1", "t1"));

        Assert.Empty(await store.GetAllAsync("u1", "t1"));
        Assert.Single(await store.GetAllAsync("u1", "t2"));
        Assert.Single(await store.GetAllAsync("u2", "t1"));
    }

    [Fact]
    public async Task Deleting_without_a_task_removes_every_task_of_the_user_only()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;
        await Upsert(store, ("u1", "t1", "a"), ("u1", "t2", "b"), ("u1", "t3", "c"), ("u2", "t1", "a"));

        Assert.Equal(3, await store.DeleteAsync("u1"));

        Assert.Empty(await store.GetAllAsync("u1", "t1"));
        Assert.Empty(await store.GetAllAsync("u1", "t2"));
        Assert.Empty(await store.GetAllAsync("u1", "t3"));
        Assert.Single(await store.GetAllAsync("u2", "t1"));
        Assert.Equal(0, await store.DeleteAsync("nobody"));
    }

    [Fact]
    public async Task Searching_a_user_without_records_returns_nothing()
    {
        using var s = await SqliteStorage.CreateAsync();

        Assert.Empty(await s.Storage.Reasoning.SearchAsync("u1", "t", East, 4));
    }

    [Fact]
    public async Task One_embedding_per_record_is_required()
    {
        using var s = await SqliteStorage.CreateAsync();
        var records = new[] { TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "t", "b"), TestRecords.Record("u1", "t", "c") };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => s.Storage.Reasoning.UpsertAsync(records, [East, East]));

        Assert.Contains("3 records but 2 embeddings", ex.Message);
        Assert.Equal("embeddings", ex.ParamName);
    }

    [Fact]
    public async Task Arguments_are_validated()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.Reasoning;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SearchAsync("u1", "t", East, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SearchAsync(" ", "t", East, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SearchAsync("u1", "t", ReadOnlyMemory<float>.Empty, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAllAsync("u1", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("u1", " "));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync([TestRecords.Record("u1", "t", " ")], [East]));
    }

    [Fact]
    public async Task A_query_embedding_of_another_model_fails_naming_both_sizes()
    {
        using var s = await SqliteStorage.CreateAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => s.Storage.Reasoning.SearchAsync("u1", "t", new float[] { 1, 2, 3 }, 1));

        Assert.Contains("3 dimensions", ex.Message);
        Assert.Contains("2-dimensional", ex.Message);
    }

    internal static Task Upsert(IReasoningStore store, params (string User, string Task, string Item)[] items)
        => store.UpsertAsync(
            [.. items.Select(i => TestRecords.Record(i.User, i.Task, i.Item))],
            [.. items.Select(_ => East)]);
}
