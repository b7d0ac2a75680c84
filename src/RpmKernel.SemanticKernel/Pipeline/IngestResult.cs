using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>What an ingest stored, what failed, and what it cost.</summary>
public sealed record IngestResult
{
    /// <summary>The user ingested.</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>Reasoning records written by this run.</summary>
    public required int Items { get; init; }

    /// <summary>Records already stored (same item id, query and answer) that were reused without model calls.</summary>
    public int Reused { get; init; }

    /// <summary>Items not stored, each with stage and reason.</summary>
    public required IReadOnlyList<FailedItem> Failed { get; init; }

    /// <summary>The user model built, or null when no item got through.</summary>
    public UserModel? Model { get; init; }

    /// <summary>Model calls and tokens spent.</summary>
    public required TokenUsage Usage { get; init; }
}
