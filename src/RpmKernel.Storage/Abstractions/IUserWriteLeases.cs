namespace RpmKernel.Storage.Abstractions;

/// <summary>
/// Per-user write leases: one writer (ingest) of a user and task at a time, and a way for
/// <c>forget</c> to revoke a writer's lease so it stops. A lease has an owner and an expiry that the
/// holder renews; an expired lease can be taken over (compare-and-set on owner and expiry).
/// </summary>
public interface IUserWriteLeases
{
    /// <summary>Takes the lease of (<paramref name="userId"/>, <paramref name="task"/>) unless another owner holds an unexpired one.</summary>
    /// <returns>Null when taken (or renewed); otherwise the current holder's owner id.</returns>
    Task<string?> TryAcquireAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="owner"/> still holds the lease; renews its expiry when it does (the heartbeat).</summary>
    Task<bool> RenewAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="owner"/> holds it.</summary>
    Task ReleaseAsync(string userId, string task, string owner, CancellationToken cancellationToken = default);

    /// <summary>Revokes every lease of a user (of one task when <paramref name="task"/> is set); their holders see it at their next renewal.</summary>
    Task RevokeAsync(string userId, string? task, CancellationToken cancellationToken = default);
}
