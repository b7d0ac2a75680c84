using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>The stored form of a <see cref="RpmKernel.Core.Records.UsageRow"/>; it has no vector.</summary>
public sealed class UsageRowEntity : UserScopedEntity, ILossTolerantEntity
{
    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "rpm_usage";

    /// <summary>The stage that made the call.</summary>
    [VectorStoreData]
    public string Stage { get; set; } = "";

    /// <summary>The prompt version of the stage.</summary>
    [VectorStoreData]
    public string PromptVersion { get; set; } = "";

    /// <summary>The chat model id.</summary>
    [VectorStoreData]
    public string Model { get; set; } = "";

    /// <summary>Prompt tokens.</summary>
    [VectorStoreData]
    public long InputTokens { get; set; }

    /// <summary>Completion tokens.</summary>
    [VectorStoreData]
    public long OutputTokens { get; set; }

    /// <summary>Of the prompt tokens, those the provider read from its prompt cache.</summary>
    [VectorStoreData]
    public long PromptCacheTokens { get; set; }

    /// <summary>Wall time of the call in milliseconds.</summary>
    [VectorStoreData]
    public double LatencyMs { get; set; }

    /// <summary>True when the cache answered.</summary>
    [VectorStoreData]
    public bool CacheHit { get; set; }

    /// <summary>True when the call failed after its HTTP retries.</summary>
    [VectorStoreData]
    public bool Failed { get; set; }

    /// <summary>True when the call went through the Batch API.</summary>
    [VectorStoreData]
    public bool Batch { get; set; }

    /// <summary>When the call finished.</summary>
    [VectorStoreData]
    public DateTimeOffset At { get; set; }
}
