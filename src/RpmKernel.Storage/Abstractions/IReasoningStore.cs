using RpmKernel.Core.History;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Abstractions;

/// <summary>
/// The reasoning-enhanced history of every user. Every read is scoped to one user and one task:
/// there is no API that reads across users.
/// </summary>
public interface IReasoningStore
{
    /// <summary>Creates the underlying collection if it does not exist yet.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces records; the key is derived from (user, task, item id), so writing the
    /// same item twice keeps one record. <paramref name="embeddings"/> are the feature-text
    /// embeddings, one per record in the same order.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<ReasoningRecord> records, IReadOnlyList<ReadOnlyMemory<float>> embeddings, CancellationToken cancellationToken = default);

    /// <summary>All records of one user and task.</summary>
    Task<IReadOnlyList<ReasoningRecord>> GetAllAsync(string userId, string task, CancellationToken cancellationToken = default);

    /// <summary>The ids of the items already stored for one user and task.</summary>
    Task<IReadOnlySet<string>> GetItemIdsAsync(string userId, string task, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <see cref="ItemContentHash"/> of every stored item of one user and task, by item id: what an
    /// ingest compares its input with to reuse unchanged items. RpmKernel's stores read ids and hashes
    /// only; this default reads whole records.
    /// </summary>
    async Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(string userId, string task, CancellationToken cancellationToken = default) =>
        (await GetAllAsync(userId, task, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.ItemId, r => ItemContentHash.Of(r.Query, r.Answer), StringComparer.Ordinal);

    /// <summary>
    /// The answer and features of every stored item of one user and task, ordered by item id: what
    /// clustering and the factor statistics need. RpmKernel's SQLite store reads those columns only;
    /// this default reads whole records.
    /// </summary>
    async Task<IReadOnlyList<StoredEvidence>> GetEvidenceAsync(string userId, string task, CancellationToken cancellationToken = default) =>
        [.. (await GetAllAsync(userId, task, cancellationToken).ConfigureAwait(false))
            .OrderBy(r => r.ItemId, StringComparer.Ordinal)
            .Select(r => new StoredEvidence(r.ItemId, r.Answer, r.Features, r.CreatedAt))];

    /// <summary>The <paramref name="top"/> records of one user and task most similar (cosine) to <paramref name="embedding"/>, best first.</summary>
    Task<IReadOnlyList<ScoredRecord>> SearchAsync(string userId, string task, ReadOnlyMemory<float> embedding, int top, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records of a user (of one task, or of every task when <paramref name="task"/> is null); returns how many.</summary>
    Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default);
}
