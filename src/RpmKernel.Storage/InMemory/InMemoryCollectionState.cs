using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.InMemory;

/// <summary>The stored records of one in-memory collection and the vector size it was created with; every access holds <see cref="Lock"/>.</summary>
internal sealed class InMemoryCollectionState(int dimensions)
{
    /// <summary>The vector size the collection was created with (0 without vectors).</summary>
    internal int Dimensions { get; } = dimensions;

    internal Lock Lock { get; } = new();

    /// <summary>Private copies of the records, by key.</summary>
    internal Dictionary<Guid, InMemoryRecord> Records { get; } = [];

    /// <summary>
    /// The unit-length vectors of the users and tasks searched since their last write, so a search
    /// ranks one contiguous block instead of visiting every record; a write drops the entries of the
    /// users it touches (<see cref="Invalidate"/>).
    /// </summary>
    internal Dictionary<(string UserId, string Task), ScopedVectors> Scoped { get; } = [];

    /// <summary>The write version of each user with records (see <see cref="IUserWriteVersions"/>): a fresh random value on every write.</summary>
    internal Dictionary<string, long> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gives <paramref name="userId"/> a fresh write version and drops the user's kept vectors (every task);
    /// called under <see cref="Lock"/> by each write.
    /// </summary>
    internal void Invalidate(string? userId)
    {
        if (userId is null)
        {
            return;
        }

        Versions[userId] = Random.Shared.NextInt64();
        if (Scoped.Count == 0)
        {
            return;
        }

        foreach (var key in Scoped.Keys.Where(k => k.UserId == userId).ToList())
        {
            Scoped.Remove(key);
        }
    }
}
