using Microsoft.Extensions.VectorData;

namespace Rpm.Storage.Records;

/// <summary>The stored form of a <see cref="Rpm.Core.Records.CachedResponse"/>; it has no vector.</summary>
public sealed class CachedResponseEntity : IUserScopedEntity
{
    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "rpm_cache";

    /// <summary>The key of (user, hash): <see cref="Rpm.Core.Records.RecordKeys.ForCacheEntry"/>.</summary>
    [VectorStoreKey]
    public Guid Key { get; set; }

    /// <summary>The user the request was made for; reads and deletes filter on it.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string UserId { get; set; } = "";

    /// <summary>The task profile name.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Task { get; set; } = "";

    /// <summary>The stage that made the request.</summary>
    [VectorStoreData]
    public string Stage { get; set; } = "";

    /// <summary>The content hash of the request.</summary>
    [VectorStoreData]
    public string Hash { get; set; } = "";

    /// <summary>The response text.</summary>
    [VectorStoreData]
    public string Content { get; set; } = "";

    /// <summary>Prompt tokens the original call spent.</summary>
    [VectorStoreData]
    public long InputTokens { get; set; }

    /// <summary>Completion tokens the original call spent.</summary>
    [VectorStoreData]
    public long OutputTokens { get; set; }

    /// <summary>When the response was stored.</summary>
    [VectorStoreData]
    public DateTimeOffset CreatedAt { get; set; }
}
