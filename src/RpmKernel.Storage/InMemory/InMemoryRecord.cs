namespace RpmKernel.Storage.InMemory;

/// <summary>
/// One stored record, independent of the record class that wrote it: data values by storage name
/// and the vector's floats. Any view of the collection (another class, or one without the vector)
/// reads the same data. Never changed after it is stored, so it can be read outside the lock.
/// </summary>
/// <param name="Data">The data property values (immutable scalars), by storage name.</param>
/// <param name="Vector">The vector's floats, or null when the record has none.</param>
internal sealed record InMemoryRecord(IReadOnlyDictionary<string, object?> Data, float[]? Vector);
