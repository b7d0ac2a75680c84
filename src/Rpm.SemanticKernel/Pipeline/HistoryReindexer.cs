using Microsoft.Extensions.AI;
using Rpm.Core.Errors;
using Rpm.Core.Records;
using Rpm.Storage;

namespace Rpm.SemanticKernel.Pipeline;

/// <summary>
/// Re-embeds the stored feature texts with the configured embedding generator, with no chat-model
/// call: the way to switch embedding models without paying for extraction again. When the new
/// vectors have another dimension than the stored ones, the reasoning collection is rebuilt for
/// every user at once (read all, embed all, drop, recreate, write back); every record is embedded
/// before anything is dropped, so a failing embedding service leaves the store as it was.
/// </summary>
internal sealed class HistoryReindexer
{
    private const int EmbeddingBatchSize = 64;

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

        var collection = (_storage.Reasoning as ReasoningStore)?.CollectionName ?? Rpm.Storage.Records.ReasoningRecordEntity.DefaultCollectionName;
        var admin = new ReasoningCollectionAdmin(_storage.VectorStore, collection);
        var model = _embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "";
        var records = await admin.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? await admin.ReadAsync(userId, cancellationToken).ConfigureAwait(false)
            : [];
        if (records.Count == 0)
        {
            return new ReindexResult(0, 0, model, 0, [], Rebuilt: false);
        }

        var previous = records.Select(r => r.EmbeddingDimensions).Distinct().Order().ToList();
        var vectors = new List<ReadOnlyMemory<float>>(records.Count);
        foreach (var batch in records.Chunk(EmbeddingBatchSize))
        {
            var embedded = await _embeddings.GenerateAsync(batch.Select(r => r.FeatureText), cancellationToken: cancellationToken).ConfigureAwait(false);
            vectors.AddRange(embedded.Select(e => e.Vector));
            if (vectors.Count == batch.Length)
            {
                // Refuse a partial rebuild before paying for the rest of the embeddings.
                RefuseUserScopedRebuild(userId, previous, vectors[0].Length);
            }
        }

        var dimensions = vectors[0].Length;
        var rebuild = previous.Any(d => d != dimensions);
        if (rebuild)
        {
            await admin.DropAsync(cancellationToken).ConfigureAwait(false);
        }

        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var updated = records.Select(r => r with { EmbeddingModel = model, EmbeddingDimensions = dimensions }).ToList();
        for (var start = 0; start < updated.Count; start += EmbeddingBatchSize)
        {
            var count = Math.Min(EmbeddingBatchSize, updated.Count - start);

            // Writing goes on even if cancelled: a rebuilt collection must get every record back.
            await _storage.Reasoning.UpsertAsync(updated.GetRange(start, count), vectors.GetRange(start, count), rebuild ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
        }

        var users = records.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count();
        return new ReindexResult(users, records.Count, model, dimensions, previous, rebuild);
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
