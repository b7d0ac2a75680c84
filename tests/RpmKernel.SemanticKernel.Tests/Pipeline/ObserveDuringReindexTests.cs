using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// An observed interaction whose write overlapped the start of a reindex of the store is written again
/// once the reindex ends, as ingest does: a rebuild that read the records before the write would
/// otherwise drop it, and the user model would count an item the store does not hold.
/// </summary>
public sealed class ObserveDuringReindexTests
{
    [Fact]
    public async Task An_observed_item_whose_write_overlapped_a_reindex_start_is_written_again_after_it()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        var reindex = new ReindexStartingDuringWrite(runtime.Storage.Reasoning, runtime.Storage.Leases);
        var storage = new RpmStorage(runtime.Storage.VectorStore, reindex, runtime.Storage.UserModels, runtime.Storage.Cache, runtime.Storage.Usage)
        {
            Leases = runtime.Storage.Leases,
        };
        var pipeline = new RpmPipeline(runtime.Kernels, runtime.Invoker, runtime.Embeddings, storage, runtime.Options);

        var observed = await pipeline.ObserveAsync(new RpmScope("alice", "lamp2"), "A lighthouse keeper trades letters with a ghost.", "romance", itemId: "chat-1");

        Assert.Equal(1, reindex.Dropped);
        Assert.True(reindex.Writes >= 2, $"the item was written {reindex.Writes} time(s)");
        var ids = await runtime.Storage.Reasoning.GetItemIdsAsync("alice", "lamp2");
        Assert.Contains("chat-1", ids);
        Assert.Equal(ids.Count, observed.Model.ItemCount);
    }

    /// <summary>
    /// The first write of a record: a reindex of the store takes its lease just as the write starts,
    /// its rebuild (from what it read before) drops the record again, and the reindex ends soon after.
    /// </summary>
    private sealed class ReindexStartingDuringWrite(IReasoningStore inner, IUserWriteLeases leases) : IReasoningStore
    {
        private const string Owner = "a-reindex";

        public int Writes { get; private set; }

        public int Dropped { get; private set; }

        public async Task UpsertAsync(IReadOnlyList<ReasoningRecord> records, IReadOnlyList<ReadOnlyMemory<float>> embeddings, CancellationToken cancellationToken = default)
        {
            Writes++;
            if (Writes > 1)
            {
                await inner.UpsertAsync(records, embeddings, cancellationToken);
                return;
            }

            Assert.Null(await leases.TryAcquireAsync(ReindexLease.UserId, ReindexLease.Task, Owner, TimeSpan.FromMinutes(1), cancellationToken));
            await inner.UpsertAsync(records, embeddings, cancellationToken);
            foreach (var record in records)
            {
                Assert.True(await ((ReasoningStore)inner).DeleteItemAsync(record.UserId, record.Task, record.ItemId, cancellationToken));
                Dropped++;
            }

            _ = Task.Run(
                async () =>
                {
                    await Task.Delay(300, CancellationToken.None);
                    await leases.ReleaseAsync(ReindexLease.UserId, ReindexLease.Task, Owner, CancellationToken.None);
                },
                CancellationToken.None);
        }

        public Task EnsureReadyAsync(CancellationToken cancellationToken = default) => inner.EnsureReadyAsync(cancellationToken);

        public Task<IReadOnlyList<ReasoningRecord>> GetAllAsync(string userId, string task, CancellationToken cancellationToken = default) => inner.GetAllAsync(userId, task, cancellationToken);

        public Task<IReadOnlySet<string>> GetItemIdsAsync(string userId, string task, CancellationToken cancellationToken = default) => inner.GetItemIdsAsync(userId, task, cancellationToken);

        public Task<IReadOnlyList<ScoredRecord>> SearchAsync(string userId, string task, ReadOnlyMemory<float> embedding, int top, CancellationToken cancellationToken = default)
            => inner.SearchAsync(userId, task, embedding, top, cancellationToken);

        public Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(userId, task, cancellationToken);
    }
}
