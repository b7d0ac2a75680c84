using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// One behaviour, every backend: each subclass opens <see cref="RpmStorage"/> on its backend, and
/// these tests must pass unchanged on all of them. Every test starts from an empty backend.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected const int Dimensions = 8;

    private readonly List<RpmStorage> _opened = [];

    /// <summary>Opens the stores on this test's backend; a second call opens the same collections again.</summary>
    protected abstract RpmStorage Open(int dimensions);

    /// <summary>Removes what this test stored on a shared backend.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            await CleanUpAsync();
        }
        finally
        {
            _opened.ForEach(s => s.Dispose());
        }
    }

    [StoreFact]
    public async Task Upserting_the_same_items_again_keeps_one_copy_of_each_with_the_last_version()
    {
        var storage = await ReadyAsync();
        var row = TestRecords.Usage("u1", "t", 0);

        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1", "first")], [Unit(0)]);
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1", "second")], [Unit(1)]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 1));
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 2));
        await storage.Usage.AppendAsync([row]);
        await storage.Usage.AppendAsync([row]);

        Assert.Equal("second", Assert.Single(await storage.Reasoning.GetAllAsync("u1", "t")).Answer);
        Assert.Equal(2, (await storage.UserModels.GetAsync("u1", "t"))?.ItemCount);
        Assert.Equal(row.Id, Assert.Single(await storage.Usage.GetAsync("u1")).Id);
    }

    [StoreFact]
    public async Task What_is_stored_reads_back_field_by_field()
    {
        var storage = await ReadyAsync();
        var record = TestRecords.Record("u1", "t", "i1");
        var cached = TestRecords.Cached("u1", "t", "h1", "{\"a\":1}");
        var row = TestRecords.Usage("u1", "t", 3, hit: true);

        await storage.Reasoning.UpsertAsync([record], [Unit(0)]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 7));
        await storage.Cache.SetAsync(cached);
        await storage.Usage.AppendAsync([row]);

        RecordAssert.Equal(record, Assert.Single(await storage.Reasoning.GetAllAsync("u1", "t")));
        var model = await storage.UserModels.GetAsync("u1", "t");
        Assert.Equal(7, model?.ItemCount);
        Assert.Equal(["taste", "effort"], model?.Factors.Select(f => f.Name));
        var hit = await storage.Cache.GetAsync("u1", "h1");
        Assert.Equal((cached.Content, cached.InputTokens, cached.OutputTokens, cached.CreatedAt), (hit?.Content, hit?.InputTokens, hit?.OutputTokens, hit?.CreatedAt));
        var read = Assert.Single(await storage.Usage.GetAsync("u1"));
        Assert.Equal((row.Id, row.At, row.LatencyMs, row.CacheHit, row.InputTokens), (read.Id, read.At, read.LatencyMs, read.CacheHit, read.InputTokens));
    }

    [StoreFact]
    public async Task Deleting_a_task_removes_only_that_task_of_that_user()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "t1", "a"), ("u1", "t1", "b"), ("u1", "t2", "c"), ("u2", "t1", "a"));

        Assert.Equal(2, await storage.Reasoning.DeleteAsync("u1", "t1"));

        Assert.Empty(await storage.Reasoning.GetAllAsync("u1", "t1"));
        Assert.Equal(["c"], (await storage.Reasoning.GetAllAsync("u1", "t2")).Select(r => r.ItemId));
        Assert.Equal(["a"], (await storage.Reasoning.GetAllAsync("u2", "t1")).Select(r => r.ItemId));
    }

    [StoreFact]
    public async Task Filtered_top_k_equals_a_brute_force_cosine_ranking_of_the_users_records()
    {
        var storage = await ReadyAsync();
        var random = new Random(20261126);
        var mine = Enumerable.Range(0, 60).Select(i => (Id: $"i{i}", Vector: VectorMath.Random(random, Dimensions))).ToList();
        var query = VectorMath.Random(random, Dimensions);
        await storage.Reasoning.UpsertAsync([.. mine.Select(m => TestRecords.Record("u1", "t", m.Id))], [.. mine.Select(m => (ReadOnlyMemory<float>)m.Vector)]);

        // Records of another user and of another task point exactly at the query: they must not rank.
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u2", "t", "x"), TestRecords.Record("u1", "other", "y")], [query, query]);

        var results = await storage.Reasoning.SearchAsync("u1", "t", query, top: 7);

        var expected = mine.Select(m => (m.Id, Score: VectorMath.Cosine(query, m.Vector))).OrderByDescending(m => m.Score).Take(7).ToList();
        Assert.Equal(expected.Select(e => e.Id), results.Select(r => r.Record.ItemId));
        Assert.All(expected.Zip(results), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 4));
    }

    [StoreFact]
    public async Task A_user_never_sees_another_users_entries_in_any_store()
    {
        var storage = await ReadyAsync();
        foreach (var user in new[] { "alice", "bob" })
        {
            await storage.Reasoning.UpsertAsync([TestRecords.Record(user, "t", "i1", $"{user}'s")], [Unit(user == "alice" ? 0 : 1)]);
            await storage.UserModels.UpsertAsync(TestRecords.Model(user, "t", itemCount: user.Length));
            await storage.Cache.SetAsync(TestRecords.Cached(user, "t", $"{user}-hash", user));
            await storage.Usage.AppendAsync([TestRecords.Usage(user, "t", 0)]);
        }

        // Bob's record points exactly at the query and has the same item id.
        Assert.Equal("alice's", Assert.Single(await storage.Reasoning.SearchAsync("alice", "t", Unit(1), 10)).Record.Answer);
        Assert.Equal("alice's", Assert.Single(await storage.Reasoning.GetAllAsync("alice", "t")).Answer);
        Assert.Equal(5, (await storage.UserModels.GetAsync("alice", "t"))?.ItemCount);
        Assert.Null(await storage.Cache.GetAsync("alice", "bob-hash"));
        Assert.Equal("alice", (await storage.Cache.GetAsync("alice", "alice-hash"))?.Content);
        Assert.Equal(["alice"], (await storage.Usage.GetAsync("alice")).Select(r => r.UserId));
        Assert.Equal(2, (await storage.Usage.GetAsync()).Count);
    }

    [StoreFact]
    public async Task A_task_never_sees_another_tasks_records()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "lamp2", "i1"), ("u1", "lamp3", "i1"));

        Assert.Equal("lamp2", Assert.Single(await storage.Reasoning.SearchAsync("u1", "lamp2", Unit(0), 10)).Record.Task);
        Assert.Equal("lamp3", Assert.Single(await storage.Reasoning.GetAllAsync("u1", "lamp3")).Task);
        Assert.Null(await storage.UserModels.GetAsync("u1", "lamp2"));
    }

    [StoreFact]
    public async Task Forgetting_a_user_empties_all_four_stores_of_that_user_only()
    {
        var storage = await ReadyAsync();
        foreach (var user in new[] { "gone", "kept" })
        {
            await UpsertAsync(storage, (user, "t1", "a"), (user, "t2", "b"));
            await storage.UserModels.UpsertAsync(TestRecords.Model(user, "t1"));
            await storage.UserModels.UpsertAsync(TestRecords.Model(user, "t2"));
            await storage.Cache.SetAsync(TestRecords.Cached(user, "t1", "h"));
            await storage.Usage.AppendAsync([TestRecords.Usage(user, "t1", 0), TestRecords.Usage(user, "t2", 1)]);
        }

        int[] deleted =
        [
            await storage.Reasoning.DeleteAsync("gone"),
            await storage.UserModels.DeleteAsync("gone"),
            await storage.Cache.DeleteAsync("gone"),
            await storage.Usage.DeleteAsync("gone"),
        ];

        Assert.Equal([2, 2, 1, 2], deleted);
        Assert.Empty(await storage.Reasoning.GetAllAsync("gone", "t1"));
        Assert.Empty(await storage.Reasoning.SearchAsync("gone", "t2", Unit(0), 5));
        Assert.Null(await storage.UserModels.GetAsync("gone", "t1"));
        Assert.Null(await storage.Cache.GetAsync("gone", "h"));
        Assert.Empty(await storage.Usage.GetAsync("gone"));
        Assert.Equal(2, (await storage.Reasoning.GetItemIdsAsync("kept", "t1")).Count + (await storage.Reasoning.GetItemIdsAsync("kept", "t2")).Count);
        Assert.NotNull(await storage.UserModels.GetAsync("kept", "t2"));
        Assert.NotNull(await storage.Cache.GetAsync("kept", "h"));
        Assert.Equal(2, (await storage.Usage.GetAsync("kept")).Count);
    }

    [StoreFact]
    public async Task Reopening_with_another_embedding_dimension_fails_naming_both_sizes()
    {
        await ReadyAsync();
        var other = Open(Dimensions + 4);
        _opened.Add(other);

        var ex = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => other.EnsureReadyAsync());

        Assert.Contains($"{Dimensions}-dimensional", ex.Message);
        Assert.Contains($"{Dimensions + 4}", ex.Message);
    }

    [StoreFact]
    public async Task A_query_or_record_of_another_dimension_is_refused()
    {
        var storage = await ReadyAsync();

        var search = await Assert.ThrowsAsync<ArgumentException>(() => storage.Reasoning.SearchAsync("u1", "t", new float[3], 1));
        var upsert = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[3]]));

        Assert.Contains("3 dimensions", search.Message);
        Assert.Contains("3-dimensional", upsert.Message);
        Assert.Empty(await storage.Reasoning.GetAllAsync("u1", "t"));
    }

    [StoreFact]
    public async Task Empty_collections_read_as_empty()
    {
        var storage = await ReadyAsync();

        Assert.Empty(await storage.Reasoning.GetAllAsync("u1", "t"));
        Assert.Empty(await storage.Reasoning.SearchAsync("u1", "t", Unit(0), 4));
        Assert.Null(await storage.UserModels.GetAsync("u1", "t"));
        Assert.Null(await storage.Cache.GetAsync("u1", "h"));
        Assert.Empty(await storage.Usage.GetAsync());
        Assert.Equal(0, await storage.Reasoning.DeleteAsync("u1"));
        Assert.Equal(0, await storage.Usage.DeleteAsync("u1"));
    }

    [StoreFact]
    public async Task Ensuring_the_collections_twice_keeps_what_they_hold()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "t", "i1"));

        await storage.EnsureReadyAsync();
        var reopened = Open(Dimensions);
        _opened.Add(reopened);
        await reopened.EnsureReadyAsync();

        Assert.Single(await reopened.Reasoning.GetAllAsync("u1", "t"));
    }

    /// <summary>A unit vector along axis <paramref name="axis"/>.</summary>
    protected static ReadOnlyMemory<float> Unit(int axis)
    {
        var vector = new float[Dimensions];
        vector[axis] = 1;
        return vector;
    }

    private async Task<RpmStorage> ReadyAsync()
    {
        var storage = Open(Dimensions);
        _opened.Add(storage);
        await storage.EnsureReadyAsync();
        return storage;
    }

    private static Task UpsertAsync(RpmStorage storage, params (string User, string Task, string Item)[] items)
        => storage.Reasoning.UpsertAsync(
            [.. items.Select(i => TestRecords.Record(i.User, i.Task, i.Item))],
            [.. items.Select(_ => Unit(0))]);
}
