namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// Searches may keep a user's vectors between calls (SQLite and InMemory do), but every write is
/// seen by the next search on every backend: a new record, a record moved to another vector, a
/// deleted item, a deleted task and a forgotten user.
/// </summary>
public abstract partial class StoreConformanceTests
{
    [StoreFact]
    public async Task Every_write_is_seen_by_the_next_search_of_the_same_store()
    {
        var storage = await ReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a"), TestRecords.Record("u2", "t", "a")], [Unit(0), Unit(1)]);
        Assert.Equal(["a"], await TopAsync(storage, Unit(1)));

        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "b")], [Unit(1)]);
        Assert.Equal(["b", "a"], await TopAsync(storage, Unit(1)));

        // The same items written again with their vectors swapped rank by the new vectors.
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "t", "b")], [Unit(1), Unit(0)]);
        Assert.Equal(["a", "b"], await TopAsync(storage, Unit(1)));

        Assert.True(await Assert.IsType<ReasoningStore>(storage.Reasoning).DeleteItemAsync("u1", "t", "a"));
        Assert.Equal(["b"], await TopAsync(storage, Unit(1)));

        // Another user's write leaves u1's results as they are.
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u2", "t", "c")], [Unit(2)]);
        Assert.Equal(["b"], await TopAsync(storage, Unit(1)));

        Assert.Equal(1, await storage.Reasoning.DeleteAsync("u1", "t"));
        Assert.Empty(await TopAsync(storage, Unit(1)));

        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "d")], [Unit(2)]);
        Assert.Equal(["d"], await TopAsync(storage, Unit(1)));
        await storage.ForgetAsync("u1");
        Assert.Empty(await TopAsync(storage, Unit(1)));
        Assert.Equal(["a", "c"], (await storage.Reasoning.SearchAsync("u2", "t", Unit(1), 5)).Select(r => r.Record.ItemId));
    }

    private static async Task<List<string>> TopAsync(RpmStorage storage, ReadOnlyMemory<float> query) =>
        [.. (await storage.Reasoning.SearchAsync("u1", "t", query, 5)).Select(r => r.Record.ItemId)];
}
