using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>The stored form of a <see cref="RpmKernel.Core.Records.CachedResponse"/>; it has no vector.</summary>
public sealed class CachedResponseEntity : UserScopedEntity, ILossTolerantEntity
{
    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "rpm_cache";

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
