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

    /// <summary>The <paramref name="top"/> records of one user and task most similar (cosine) to <paramref name="embedding"/>, best first.</summary>
    Task<IReadOnlyList<ScoredRecord>> SearchAsync(string userId, string task, ReadOnlyMemory<float> embedding, int top, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records of a user (of one task, or of every task when <paramref name="task"/> is null); returns how many.</summary>
    Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default);
}
