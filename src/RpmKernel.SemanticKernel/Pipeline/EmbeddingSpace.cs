using Microsoft.Extensions.AI;
using RpmKernel.Core.Records;
using RpmKernel.Storage;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Keeps one user's records in one vector space. Every record remembers the embedding model that
/// embedded it; a search, or a writer adding records, with another model of the same dimension (which
/// no store can tell apart by vector length) is refused, naming both models and the way out. A model
/// without a name is not compared: a host's generator that reports no
/// <see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>, or records stored before the name was kept.
/// </summary>
internal static class EmbeddingSpace
{
    /// <summary>The model id <paramref name="embeddings"/> reports, or "" when it reports none.</summary>
    public static string ModelOf(IEmbeddingGenerator<string, Embedding<float>> embeddings) =>
        embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "";

    /// <summary>Throws <see cref="EmbeddingModelMismatchException"/> when one of <paramref name="records"/> was embedded with a named model other than <paramref name="configuredModel"/>.</summary>
    public static void ThrowIfOther(IEnumerable<ReasoningRecord> records, string configuredModel)
    {
        if (configuredModel.Length == 0)
        {
            return;
        }

        foreach (var record in records)
        {
            if (IsOther(record.EmbeddingModel, configuredModel))
            {
                throw Mismatch(record.UserId, record.Task, record.EmbeddingModel, record.EmbeddingDimensions, configuredModel);
            }
        }
    }

    /// <summary>
    /// Before a writer (ingest, observe) adds records to a user who has some: reads one stored record
    /// (by key) and refuses when it was embedded with another model, before any model call is paid for.
    /// </summary>
    public static async Task EnsureStoredAlikeAsync(
        IReasoningStore records, string userId, string task, IEnumerable<string> storedItemIds, string configuredModel, CancellationToken cancellationToken)
    {
        if (configuredModel.Length == 0 || storedItemIds.FirstOrDefault() is not { } probe)
        {
            return;
        }

        // Only the model columns of the one record (the narrow ingest reads never parse whole records).
        var stored = records is ReasoningStore store
            ? await store.GetEmbeddingModelAsync(userId, task, probe, cancellationToken).ConfigureAwait(false)
            : await records.GetAllAsync(userId, task, cancellationToken).ConfigureAwait(false) is [var first, ..] ? (first.EmbeddingModel, first.EmbeddingDimensions) : null;
        if (stored is { } embedded && IsOther(embedded.Model, configuredModel))
        {
            throw Mismatch(userId, task, embedded.Model, embedded.Dimensions, configuredModel);
        }
    }

    private static bool IsOther(string storedModel, string configuredModel) =>
        storedModel.Length > 0 && !string.Equals(storedModel, configuredModel, StringComparison.Ordinal);

    private static EmbeddingModelMismatchException Mismatch(string userId, string task, string storedModel, int dimensions, string configuredModel)
    {
        var both = dimensions > 0 ? $"both {dimensions}-dimensional, " : "";
        return new EmbeddingModelMismatchException(
            $"The records of user '{userId}' (task '{task}') were embedded with embedding model '{storedModel}', but the configured embedding model is '{configuredModel}' " +
            $"({both}different vector spaces), so comparing them would find neighbours by chance; nothing was answered or stored. " +
            $"Run `rpmk reindex` to re-embed the stored records with '{configuredModel}' (no chat-model calls), or set Rpm:Embeddings:Model back to '{storedModel}'.",
            userId, task, storedModel, configuredModel);
    }
}
