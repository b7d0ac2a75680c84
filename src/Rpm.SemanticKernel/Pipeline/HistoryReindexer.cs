using Microsoft.Extensions.AI;
using Rpm.Core.Errors;
using Rpm.Core.Records;
using Rpm.Storage;
using Rpm.Storage.Abstractions;
using Rpm.Storage.Records;

namespace Rpm.SemanticKernel.Pipeline;

/// <summary>
/// Re-embeds the stored feature texts with the configured embedding generator, with no chat-model
/// call: the way to switch embedding models without paying for extraction again. When the new
/// vectors have another dimension than the stored ones, the reasoning collection is rebuilt for
/// every user at once: every record is embedded first, copied with its new vector to a backup
/// collection, the collection is dropped and recreated, the records are written back and the
/// backup is dropped. A rebuild cut short is finished by the next <c>reindex</c> from the backup.
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
        var backup = new ReasoningCollectionAdmin(_storage.VectorStore, ReasoningCollectionAdmin.BackupName(name));
        var interrupted = await backup.ExistsAsync(cancellationToken).ConfigureAwait(false);
        if (interrupted && userId is not null)
        {
            throw new RpmInputException($"An earlier rebuild of the reasoning collection was cut short (its backup '{backup.Name}' is still there); run `rpm reindex` without --user to finish it.");
        }

        var stored = await ReadAsync(collection, userId, cancellationToken).ConfigureAwait(false);
        var saved = interrupted ? await ReadAsync(backup, null, cancellationToken).ConfigureAwait(false) : [];
        var records = stored.Concat(saved).DistinctBy(r => (r.UserId, r.Task, r.ItemId)).ToList();
        var model = _embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "";
        if (records.Count == 0)
        {
            return new ReindexResult(0, 0, model, 0, [], Rebuilt: false);
        }

        var previous = (stored.Count > 0 ? stored : saved).Select(r => r.EmbeddingDimensions).Distinct().Order().ToList();
        var vectors = await EmbedAsync(records, userId, previous, cancellationToken).ConfigureAwait(false);
        var dimensions = vectors[0].Length;
        var updated = records.Select(r => r with { EmbeddingModel = model, EmbeddingDimensions = dimensions }).ToList();
        var rebuild = interrupted || previous.Any(d => d != dimensions);
        if (rebuild)
        {
            if (saved.Any(r => r.EmbeddingDimensions != dimensions))
            {
                await backup.DropAsync(cancellationToken).ConfigureAwait(false);
            }

            var copy = new ReasoningStore(_storage.VectorStore.GetCollection<Guid, ReasoningRecordEntity>(backup.Name, ReasoningRecordEntity.CreateDefinition(dimensions)));
            await copy.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            await WriteAsync(copy, updated, vectors, cancellationToken).ConfigureAwait(false);

            // From here on every record is in the backup: finish the rebuild even if cancelled.
            cancellationToken = CancellationToken.None;
            await collection.DropAsync(cancellationToken).ConfigureAwait(false);
        }

        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(_storage.Reasoning, updated, vectors, cancellationToken).ConfigureAwait(false);
        if (rebuild)
        {
            await backup.DropAsync(cancellationToken).ConfigureAwait(false);
        }

        var users = records.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count();
        return new ReindexResult(users, records.Count, model, dimensions, previous, rebuild);
    }

    private static async Task<IReadOnlyList<ReasoningRecord>> ReadAsync(ReasoningCollectionAdmin admin, string? userId, CancellationToken cancellationToken) =>
        await admin.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? await admin.ReadAsync(userId, cancellationToken).ConfigureAwait(false)
            : [];

    private async Task<List<ReadOnlyMemory<float>>> EmbedAsync(List<ReasoningRecord> records, string? userId, IReadOnlyList<int> previous, CancellationToken cancellationToken)
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

    private static async Task WriteAsync(IReasoningStore store, List<ReasoningRecord> records, List<ReadOnlyMemory<float>> vectors, CancellationToken cancellationToken)
    {
        for (var start = 0; start < records.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, records.Count - start);
            await store.UpsertAsync(records.GetRange(start, count), vectors.GetRange(start, count), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RefuseUserScopedRebuild(string? userId, IReadOnlyList<int> previous, int dimensions)
    {
        if (userId is not null && previous.Any(d => d != dimensions))
        {
            var before = previous.Contains(0) ? "an unrecorded dimension" : string.Join("/", previous) + " dimensions";
            throw new RpmInputException(
                $"The embedding model now gives {dimensions}-dimensional vectors but user '{userId}' has records with {before}; the reasoning collection must be rebuilt for every user at once. Run `rpm reindex` without --user.");
        }
    }
}
