using Microsoft.Data.Sqlite;
using RpmKernel.Core.History;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// An add trusts the counts kept with the user model while the store's write version of the user's records is the
/// one they were saved at, and then reads only the incoming items by key; any other write of the records (another
/// process, a crash before the model was saved, a remove, a reindex, a forget) changes the version, and the next add
/// counts every record again. Either way the model equals a full recompute over the stored records.
/// </summary>
public sealed class KeyedAddTests
{
    [Fact]
    public async Task An_add_and_an_observe_at_the_version_of_the_counts_read_no_other_stored_record()
    {
        await using var alice = await SixItemUser.IngestAsync();
        var (host, runtime, history) = (alice.Host, alice.Runtime, alice.History);
        // Not a write through the store (the version stays): a read of the stored hashes would no longer match the
        // counts' fingerprint and cluster every item's labels again.
        SetStoredContentHashes(host, "stale");
        host.Server.ClearRequests();

        var added = await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[6]]);
        var observed = await runtime.Pipeline.ObserveAsync(new RpmScope("alice", "lamp2"), history[10].Query, history[10].Answer, itemId: history[10].Id);

        Assert.Empty(host.StageRequests("user_factors"));
        Assert.Equal((1, 6, 7), (added.Items, added.Reused, added.Model!.ItemCount));
        Assert.False(observed.Reused);
        Assert.Equal(8, observed.Model.ItemCount);
        await IncrementalStatisticsTests.AssertFullRecomputeAsync(runtime);
    }

    [Fact]
    public async Task A_record_written_without_its_model_by_another_process_is_counted_by_the_next_add()
    {
        await using var alice = await SixItemUser.IngestAsync();
        var (host, runtime, history) = (alice.Host, alice.Runtime, alice.History);

        // Another process on the same file stores a record and stops before any model is saved (a host's write, or a crash).
        using (var other = host.Runtime())
        {
            var (record, vector) = (await ((ReasoningStore)other.Storage.Reasoning).GetWithEmbeddingsAsync("alice", "lamp2", default)).First(r => r.Record.ItemId == "m1");
            await other.Storage.Reasoning.UpsertAsync([record with { ItemId = "written-elsewhere" }], [vector]);
        }

        var added = await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[6]]);

        Assert.Equal(8, added.Model!.ItemCount);
        await IncrementalStatisticsTests.AssertFullRecomputeAsync(runtime);
        var again = await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[10]]);
        Assert.Equal(9, again.Model!.ItemCount);
        await IncrementalStatisticsTests.AssertFullRecomputeAsync(runtime);
    }

    [Fact]
    public async Task Adds_after_a_remove_a_reindex_and_a_forget_keep_the_counts_of_a_full_recompute()
    {
        await using var alice = await SixItemUser.IngestAsync();
        var (host, runtime, history) = (alice.Host, alice.Runtime, alice.History);

        await runtime.Pipeline.RemoveItemAsync("alice", "lamp2", "m2");
        Assert.Equal(6, (await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[6]])).Model!.ItemCount);
        await IncrementalStatisticsTests.AssertFullRecomputeAsync(runtime);

        await runtime.Pipeline.ReindexAsync("alice");
        Assert.Equal(7, (await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[7]])).Model!.ItemCount);
        await IncrementalStatisticsTests.AssertFullRecomputeAsync(runtime);

        await runtime.Pipeline.ForgetAsync("alice", "lamp2");
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(3).ToList());
        Assert.Equal(4, (await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[10]])).Model!.ItemCount);
        await IncrementalStatisticsTests.AssertFullRecomputeAsync(runtime);
    }

    private static void SetStoredContentHashes(RpmTestHost host, string hash)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"rpm_reasoning\" SET \"ContentHash\" = $hash;";
        command.Parameters.AddWithValue("$hash", hash);
        Assert.Equal(6, command.ExecuteNonQuery());
    }

    /// <summary>Alice's first six items ingested one per batch, with the labelled model answering.</summary>
    private sealed class SixItemUser : IAsyncDisposable
    {
        private SixItemUser(RpmTestHost host, RpmRuntime runtime, IReadOnlyList<HistoryItem> history) =>
            (Host, Runtime, History) = (host, runtime, history);

        public RpmTestHost Host { get; }

        public RpmRuntime Runtime { get; }

        public IReadOnlyList<HistoryItem> History { get; }

        public static async Task<SixItemUser> IngestAsync()
        {
            var host = await RpmTestHost.StartAsync();
            var runtime = host.Runtime(o => o.Ingest.BatchSize = 1);
            LabelledModel.Answer(host.Server, IncrementalStatisticsTests.LabelsByQuery);
            var history = IncrementalStatisticsTests.History();
            await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(6).ToList());
            return new SixItemUser(host, runtime, history);
        }

        public async ValueTask DisposeAsync()
        {
            Runtime.Dispose();
            await Host.DisposeAsync();
        }
    }
}
