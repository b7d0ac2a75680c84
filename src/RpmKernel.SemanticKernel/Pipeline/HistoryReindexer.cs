using Microsoft.Extensions.AI;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.Storage;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Records;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Re-embeds the stored feature texts with the configured embedding generator, with no chat-model
/// call: the way to switch embedding models without paying for extraction again. It works the same
/// on every store, through <see cref="ReasoningCollectionAdmin"/>. When the new vectors have another
/// dimension than the stored ones, the reasoning collection is rebuilt for every user at once:
/// every record is embedded first, then copied to a backup collection, the collection is dropped
/// and recreated, the records are written back and the backup is dropped. A rebuild cut short is
/// finished by the next <c>reindex</c> from the backup.
/// </summary>
internal sealed class HistoryReindexer
{
    private const int BatchSize = 64;

    private readonly RpmStorage _storage;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;

    public HistoryReindexer(RpmStorage storage, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        _storage = storage;
        _embeddings = embeddings;
    }

    public async Task<ReindexResult> ReindexAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is not null && string.IsNullOrWhiteSpace(userId))
        {
            throw new RpmInputException("The user id is empty; pass --user ID, or leave it out to reindex every user.");
        }

        var name = (_storage.Reasoning as ReasoningStore)?.CollectionName ?? ReasoningRecordEntity.DefaultCollectionName;
        var collection = new ReasoningCollectionAdmin(_storage.VectorStore, name);
        if (userId is null)
        {
            // Every user: the store-wide lease holds every writer back from before the read until the
            // rebuilt collection holds every record; a writer that overlapped its start writes again after it.
            var store = await UserWriteLease.AcquireAsync(_storage.Leases, ReindexLease.UserId, ReindexLease.Task, progress: null, cancellationToken).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                return await ReindexHeldAsync(collection, userId, [store], cancellationToken).ConfigureAwait(false);
            }
        }

        // One user: that user's lease of each of their tasks, as an ingest takes it.
        var tasks = (await collection.ReadAsync(userId, cancellationToken).ConfigureAwait(false)).Select(r => r.Task).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var leases = new List<UserWriteLease>();
        try
        {
            foreach (var task in tasks)
            {
                leases.Add(await UserWriteLease.AcquireAsync(_storage.Leases, userId, task, progress: null, cancellationToken).ConfigureAwait(false));
            }

            return await ReindexHeldAsync(collection, userId, leases, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var lease in leases)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ReindexResult> ReindexHeldAsync(ReasoningCollectionAdmin collection, string? userId, List<UserWriteLease> leases, CancellationToken cancellationToken)
    {
        foreach (var lease in leases)
        {
            await lease.EnsureHeldAsync().ConfigureAwait(false);
        }

        var interrupted = await collection.IsRebuildInterruptedAsync(cancellationToken).ConfigureAwait(false);
        if (interrupted && userId is not null)
        {
            throw new RpmInputException($"An earlier rebuild of the reasoning collection was cut short (its backup '{ReasoningCollectionAdmin.BackupName(collection.Name)}' is still there); run `rpmk reindex` without --user to finish it.");
        }

        var records = await collection.ReadAsync(userId, cancellationToken).ConfigureAwait(false);
        var model = _embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "";
        if (records.Count == 0)
        {
            return new ReindexResult(0, 0, model, 0, [], Rebuilt: false);
        }

        var previous = records.Select(r => r.EmbeddingDimensions).Distinct().Order().ToList();
        var vectors = await EmbedAsync(records, userId, previous, cancellationToken).ConfigureAwait(false);
        var dimensions = vectors[0].Length;
        var updated = records.Select(r => r with { EmbeddingModel = model, EmbeddingDimensions = dimensions }).ToList();
        var rebuild = interrupted || previous.Any(d => d != dimensions);
        if (rebuild)
        {
            await collection.RebuildAsync(updated, vectors, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var lease in leases)
            {
                await lease.EnsureHeldAsync().ConfigureAwait(false);
            }

            await collection.UpsertAsync(updated, vectors, cancellationToken).ConfigureAwait(false);
            while (leases.Count > 0 && await leases[0].ReindexOverlappedAsync().ConfigureAwait(false))
            {
                await collection.UpsertAsync(updated, vectors, CancellationToken.None).ConfigureAwait(false);
            }

            await ForgetWinsAsync(userId, leases).ConfigureAwait(false);
        }

        var users = records.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count();
        return new ReindexResult(users, records.Count, model, dimensions, previous, rebuild);
    }

    /// <summary>
    /// A forget of the user between the check before the write and the write itself revoked a lease:
    /// the records just written back are removed again, as an ingest does, and the reindex stops.
    /// </summary>
    private async Task ForgetWinsAsync(string? userId, List<UserWriteLease> leases)
    {
        try
        {
            foreach (var lease in leases)
            {
                await lease.EnsureHeldAsync().ConfigureAwait(false);
            }
        }
        catch (UserForgottenException) when (userId is not null)
        {
            foreach (var lease in leases.Where(l => l.Revoked))
            {
                await _storage.Reasoning.DeleteAsync(userId, lease.TaskName, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<List<ReadOnlyMemory<float>>> EmbedAsync(IReadOnlyList<ReasoningRecord> records, string? userId, IReadOnlyList<int> previous, CancellationToken cancellationToken)
    {
        var vectors = new List<ReadOnlyMemory<float>>(records.Count);
        foreach (var batch in records.Chunk(BatchSize))
        {
            var embedded = await _embeddings.GenerateAsync(batch.Select(r => r.FeatureText), cancellationToken: cancellationToken).ConfigureAwait(false);
            vectors.AddRange(embedded.Select(e => e.Vector));
            if (vectors.Count == batch.Length)
            {
                // Refuse a partial rebuild before paying for the rest of the embeddings.
                RefuseUserScopedRebuild(userId, previous, vectors[0].Length);
            }
        }

        return vectors;
    }

    private static void RefuseUserScopedRebuild(string? userId, IReadOnlyList<int> previous, int dimensions)
    {
        if (userId is not null && previous.Any(d => d != dimensions))
        {
            var before = previous.Contains(0) ? "an unrecorded dimension" : string.Join("/", previous) + " dimensions";
            throw new RpmInputException(
                $"The embedding model now gives {dimensions}-dimensional vectors but user '{userId}' has records with {before}; the reasoning collection must be rebuilt for every user at once. Run `rpmk reindex` without --user.");
        }
    }
}
