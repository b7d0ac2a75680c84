using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Abstractions;

/// <summary>The usage ledger: one row per model call (or cache hit), kept with the user it was made for.</summary>
public interface IUsageStore
{
    /// <summary>Creates the underlying collection if it does not exist yet.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends rows; a row whose <see cref="UsageRow.Id"/> is already stored is replaced, not duplicated.</summary>
    Task AppendAsync(IReadOnlyList<UsageRow> rows, CancellationToken cancellationToken = default);

    /// <summary>The rows of one user, or of every user when <paramref name="userId"/> is null (accounting only; no user content is in a row).</summary>
    Task<IReadOnlyList<UsageRow>> GetAsync(string? userId = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the rows of a user (of one task, or of every task when <paramref name="task"/> is null); returns how many.</summary>
    Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default);
}
