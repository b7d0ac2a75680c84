using Microsoft.Data.Sqlite;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Tests;

/// <summary>
/// A forget holds the store-wide reindex lease while it deletes: a reindex that is running (and
/// would write the user back from what it read) makes it wait, and it fails naming the reindex
/// rather than forget half-way.
/// </summary>
public sealed class StorageErasureTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_forget_that_waits_too_long_for_a_reindex_fails_naming_it_and_forgets_nothing()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var storage = sqlite.Storage;
        await storage.Reasoning.UpsertAsync([TestRecords.Record("bob", "t", "i1")], [new float[] { 1, 0 }]);
        Assert.Null(await storage.Leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, "machine-r/77", Minute));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => StorageErasure.RunAsync(storage, "bob", null, TimeSpan.Zero, CancellationToken.None));

        Assert.Contains("held by machine-r/77", ex.Message);
        Assert.Contains("nothing was forgotten", ex.Message);
        Assert.Single(await storage.Reasoning.GetAllAsync("bob", "t"));
    }

    [Fact]
    public async Task A_forget_waits_for_a_running_reindex_then_forgets_and_gives_the_reindex_lease_back()
    {
        using var sqlite = await SqliteStorage.CreateAsync();
        var storage = sqlite.Storage;
        await storage.Reasoning.UpsertAsync([TestRecords.Record("bob", "t", "i1")], [new float[] { 1, 0 }]);
        Assert.Null(await storage.Leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, "machine-r/77", Minute));

        var forget = storage.ForgetAsync("bob");
        await Task.Delay(600);
        Assert.False(forget.IsCompleted);
        Assert.Single(await storage.Reasoning.GetAllAsync("bob", "t"));
        await storage.Leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, "machine-r/77");

        Assert.Equal(1, (await forget).Records);
        Assert.Empty(await storage.Reasoning.GetAllAsync("bob", "t"));
        Assert.Null(await storage.Leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, "a-reindex", Minute));
    }

    [Fact]
    public async Task A_sqlite_forget_that_fails_at_its_last_table_leaves_every_store_as_it_was()
    {
        // Issue 12, finding 1d: the stores were forgotten in separate transactions, so a failure part-way left a half-forgotten user.
        using var sqlite = await SqliteStorage.CreateAsync();
        var storage = sqlite.Storage;
        await storage.Reasoning.UpsertAsync([TestRecords.Record("bob", "t", "i1")], [new float[] { 1, 0 }]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("bob", "t"));
        await storage.Cache.SetAsync(TestRecords.Cached("bob", "t", "h1"));
        await storage.Usage.AppendAsync([TestRecords.Usage("bob", "t", 0)]);
        using (var connection = new SqliteConnection($"Data Source={sqlite.FilePath};Pooling=False"))
        {
            await connection.OpenAsync();
            using var trigger = connection.CreateCommand();
            trigger.CommandText = $"CREATE TRIGGER refuse_forget BEFORE DELETE ON \"{((UsageStore)storage.Usage).CollectionName}\" BEGIN SELECT RAISE(ABORT, 'the disk says no'); END;";
            await trigger.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => storage.ForgetAsync("bob"));

        Assert.Single(await storage.Reasoning.GetAllAsync("bob", "t"));
        Assert.NotNull(await storage.UserModels.GetAsync("bob", "t"));
        Assert.NotNull(await storage.Cache.GetAsync("bob", "h1"));
        Assert.Single(await storage.Usage.GetAsync("bob"));
    }
}
