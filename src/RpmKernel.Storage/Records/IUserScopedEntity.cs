namespace RpmKernel.Storage.Records;

/// <summary>A stored entity that belongs to one user and task, so that it can be found and deleted by them.</summary>
public interface IUserScopedEntity
{
    /// <summary>The storage key.</summary>
    Guid Key { get; }

    /// <summary>The user the entity belongs to.</summary>
    string UserId { get; }

    /// <summary>The task profile name.</summary>
    string Task { get; }
}
