using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// The key and the owner of every stored entity: each belongs to one user and one task, both
/// indexed, so that every read and delete can be scoped to them (<see cref="UserScope"/>).
/// </summary>
public abstract class UserScopedEntity : IUserScopedEntity
{
    /// <summary>The storage key (see <see cref="RpmKernel.Core.Records.RecordKeys"/> for the deterministic ones).</summary>
    [VectorStoreKey]
    public Guid Key { get; set; }

    /// <summary>The user the entity belongs to; every read and delete filters on it.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string UserId { get; set; } = "";

    /// <summary>The task profile name; reads and deletes of one task filter on it.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Task { get; set; } = "";
}
