using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Abstractions;

/// <summary>
/// The content-addressed cache of model responses. Every entry belongs to one user, every read is
/// scoped to that user, and forgetting the user deletes the entries.
/// </summary>
public interface IResponseCacheStore
{
    /// <summary>Creates the underlying collection if it does not exist yet.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>The response cached for <paramref name="hash"/> on behalf of <paramref name="userId"/>, or null.</summary>
    Task<CachedResponse?> GetAsync(string userId, string hash, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) a response.</summary>
    Task SetAsync(CachedResponse response, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entries of a user (of one task, or of every task when <paramref name="task"/> is null); returns how many.</summary>
    Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default);
}
