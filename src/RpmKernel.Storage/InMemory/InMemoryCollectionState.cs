namespace RpmKernel.Storage.InMemory;

/// <summary>The stored records of one in-memory collection and the vector size it was created with; every access holds <see cref="Lock"/>.</summary>
internal sealed class InMemoryCollectionState(int dimensions)
{
    /// <summary>The vector size the collection was created with (0 without vectors).</summary>
    internal int Dimensions { get; } = dimensions;

    internal Lock Lock { get; } = new();

    /// <summary>Private copies of the records, by key.</summary>
    internal Dictionary<Guid, InMemoryRecord> Records { get; } = [];
}
