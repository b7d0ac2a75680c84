using RpmKernel.Core.History;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// What an add reads of a long history instead of every record: the incoming items' content hashes by key,
/// one stored item id, and the user's write version (where the backend keeps one).
/// </summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>Whether the backend keeps a write version per user (SQLite, InMemory); Qdrant keeps none, and an add there reads every id and hash.</summary>
    protected virtual bool KeepsWriteVersions => false;

    [StoreFact]
    public async Task Content_hashes_read_by_key_are_those_of_the_asked_items_stored_for_that_user_and_task()
    {
        var storage = await ReadyAsync();
        var store = (ReasoningStore)storage.Reasoning;
        await storage.Reasoning.UpsertAsync(
            [TestRecords.Record("u1", "t", "i1", "one"), TestRecords.Record("u1", "t", "i2", "two"), TestRecords.Record("u1", "t2", "i3"), TestRecords.Record("u2", "t", "i4")],
            [Unit(0), Unit(1), Unit(2), Unit(3)]);

        var read = await store.GetContentHashesAsync("u1", "t", ["i1", "i3", "i4", "missing", "i1"], default);

        Assert.Equal(["i1"], read.Keys);
        Assert.Equal(ItemContentHash.Of("query i1", "one"), read["i1"]);
        Assert.Equal((await storage.Reasoning.GetContentHashesAsync("u1", "t"))["i1"], read["i1"]);
        Assert.Empty(await store.GetContentHashesAsync("u1", "t", [], default));
    }

    [StoreFact]
    public async Task One_stored_item_id_is_found_for_a_user_and_task_and_none_where_nothing_is_stored()
    {
        var storage = await ReadyAsync();
        var store = (ReasoningStore)storage.Reasoning;
        await UpsertAsync(storage, ("u1", "t", "a"), ("u1", "t", "b"), ("u2", "t2", "c"));

        Assert.Contains(await store.GetAnyItemIdAsync("u1", "t", default), new[] { "a", "b" });
        Assert.Equal("c", await store.GetAnyItemIdAsync("u2", "t2", default));
        Assert.Null(await store.GetAnyItemIdAsync("u1", "t2", default));
        Assert.Null(await store.GetAnyItemIdAsync("nobody", "t", default));
    }

    [StoreFact]
    public async Task The_write_version_changes_with_every_write_of_the_user_and_not_with_another_users_or_a_read()
    {
        var storage = await ReadyAsync();
        var store = (ReasoningStore)storage.Reasoning;
        await UpsertAsync(storage, ("u1", "t", "a"), ("u1", "t", "b"), ("u2", "t", "a"));
        var first = await store.GetWriteVersionAsync("u1", default);
        if (!KeepsWriteVersions)
        {
            Assert.Null(first);
            return;
        }

        Assert.NotNull(first);
        await UpsertAsync(storage, ("u2", "t", "b"));
        await storage.Reasoning.GetAllAsync("u1", "t");
        Assert.Equal(first, await store.GetWriteVersionAsync("u1", default));
        Assert.Equal(first, await ((ReasoningStore)(await ReadyAsync()).Reasoning).GetWriteVersionAsync("u1", default));

        await UpsertAsync(storage, ("u1", "t2", "c"));
        var afterUpsert = await store.GetWriteVersionAsync("u1", default);
        Assert.NotEqual(first, afterUpsert);

        Assert.True(await store.DeleteItemAsync("u1", "t", "a"));
        var afterDelete = await store.GetWriteVersionAsync("u1", default);
        Assert.NotEqual(afterUpsert, afterDelete);

        await storage.Reasoning.DeleteAsync("u1", "t");
        Assert.NotEqual(afterDelete, await store.GetWriteVersionAsync("u1", default));
    }
}
