namespace RpmKernel.Storage.Providers;

/// <summary>
/// A collection that keeps a write version per user: a fresh random value set by every write that
/// touches the user's entities (upsert, delete, forget), in the write itself, so a version read
/// before and after says whether anything of the user changed between, in any process sharing the
/// store. A random value (not a counter) cannot come back after a forget or a rebuilt collection.
/// </summary>
internal interface IUserWriteVersions
{
    /// <summary>The current write version of <paramref name="userId"/>'s entities, or null when none is kept (nothing may be trusted then).</summary>
    Task<long?> GetWriteVersionAsync(string userId, CancellationToken cancellationToken);
}
