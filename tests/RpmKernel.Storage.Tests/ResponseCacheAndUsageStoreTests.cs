using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Tests;

public sealed class ResponseCacheAndUsageStoreTests
{
    [Fact]
    public async Task A_cached_response_is_found_by_user_and_hash_only()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var cache = sqlite.Storage.Cache;
        await cache.SetAsync(TestRecords.Cached("u1", "lamp2", "abc", "{\"x\":1}"));

        var hit = await cache.GetAsync("u1", "abc");
        Assert.NotNull(hit);
        Assert.Equal("{\"x\":1}", hit.Content);
        Assert.Equal(10, hit.InputTokens);
        Assert.Null(await cache.GetAsync("u2", "abc"));
        Assert.Null(await cache.GetAsync("u1", "abd"));
    }

    [Fact]
    public async Task Deleting_a_users_cache_entries_keeps_everyone_elses()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var cache = sqlite.Storage.Cache;
        await cache.SetAsync(TestRecords.Cached("u1", "lamp2", "a"));
        await cache.SetAsync(TestRecords.Cached("u1", "lamp3", "b"));
        await cache.SetAsync(TestRecords.Cached("u2", "lamp2", "a"));

        Assert.Equal(1, await cache.DeleteAsync("u1", "lamp2"));
        Assert.Null(await cache.GetAsync("u1", "a"));
        Assert.NotNull(await cache.GetAsync("u1", "b"));
        Assert.Equal(1, await cache.DeleteAsync("u1"));
        Assert.NotNull(await cache.GetAsync("u2", "a"));
    }

    [Fact]
    public async Task Usage_rows_are_read_per_user_or_for_everyone_in_time_order()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var usage = sqlite.Storage.Usage;
        var late = TestRecords.Usage("u1", "lamp2", 5, hit: true);
        var early = TestRecords.Usage("u1", "lamp2", 1);
        await usage.AppendAsync([late, early, TestRecords.Usage("u2", "lamp3", 3)]);

        var mine = await usage.GetAsync("u1");
        Assert.Equal([early.Id, late.Id], mine.Select(r => r.Id));
        Assert.True(mine[1].CacheHit);
        Assert.Equal(12.5, mine[0].LatencyMs);
        Assert.Equal(3, (await usage.GetAsync()).Count);
    }

    [Fact]
    public async Task Appending_a_row_twice_keeps_one_and_delete_counts_only_that_user()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var usage = sqlite.Storage.Usage;
        var row = TestRecords.Usage("u1", "lamp2", 0);
        await usage.AppendAsync([row]);
        await usage.AppendAsync([row, TestRecords.Usage("u2", "lamp2", 1)]);

        Assert.Single(await usage.GetAsync("u1"));
        Assert.Equal(1, await usage.DeleteAsync("u1"));
        Assert.Empty(await usage.GetAsync("u1"));
        Assert.Single(await usage.GetAsync());
    }
}
