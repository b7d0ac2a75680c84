using RpmKernel.Storage.Records;
using RpmKernel.Storage.Tests.Fakes;

namespace RpmKernel.Storage.Tests;

/// <summary>The stores work over any VectorData collection, not only SQLite.</summary>
public sealed class ReasoningStoreBackendTests
{
    private static readonly ReadOnlyMemory<float> East = new float[] { 1, 0 };

    [Fact]
    public async Task The_reasoning_store_works_over_another_backend()
    {
        var store = new ReasoningStore(new ListBackend<ReasoningRecordEntity>(e => e.Key, e => e.Embedding));
        var record = TestRecords.Record("u1", "t", "i1");
        await store.UpsertAsync([record, TestRecords.Record("u1", "t", "i2"), TestRecords.Record("u2", "t", "i1")], [East, new float[] { 0, 1 }, East]);

        var results = await store.SearchAsync("u1", "t", East, 1);

        RecordAssert.Equal(record, Assert.Single(results).Record);
        Assert.Equal(1, results[0].Score, 6);
        Assert.Equal(2, await store.DeleteAsync("u1"));
        Assert.Single(await store.GetAllAsync("u2", "t"));
    }

    [Fact]
    public async Task The_user_model_store_works_over_another_backend()
    {
        var store = new UserModelStore(new ListBackend<UserModelEntity>(e => e.Key, _ => null));

        await store.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 3));

        Assert.Equal(3, (await store.GetAsync("u1", "t"))?.ItemCount);
        Assert.Equal(1, await store.DeleteAsync("u1"));
    }

    [Fact]
    public async Task A_backend_that_ignores_filters_fails_loudly_instead_of_leaking_records()
    {
        var store = new ReasoningStore(new ListBackend<ReasoningRecordEntity>(e => e.Key, e => e.Embedding, ignoreFilters: true));
        await store.UpsertAsync([TestRecords.Record("bob", "t", "i1")], [East]);

        var search = await Assert.ThrowsAsync<InvalidOperationException>(() => store.SearchAsync("alice", "t", East, 4));
        var get = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAllAsync("alice", "t"));

        Assert.Contains("user 'bob'", search.Message);
        Assert.Contains("scoped to user 'alice'", get.Message);
    }
}
