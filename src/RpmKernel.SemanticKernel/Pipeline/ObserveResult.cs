using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>What learning one new interaction stored, whether the factors were clustered again, and what it cost.</summary>
public sealed record ObserveResult
{
    /// <summary>The user (in canonical form).</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>The id of the item stored (the one given, or one derived from the query and answer).</summary>
    public required string ItemId { get; init; }

    /// <summary>True when the same item (id, query and answer) was already stored: nothing was redone and no model was called.</summary>
    public bool Reused { get; init; }

    /// <summary>True when factor clustering ran again because new factor labels did not map to the user's factors.</summary>
    public bool Reclustered { get; init; }

    /// <summary>The new item's proposed factor labels that map to none of the user's factors as they were before this call.</summary>
    public required IReadOnlyList<string> UnmappedLabels { get; init; }

    /// <summary>The user model after the update; its item count equals the records stored.</summary>
    public required UserModel Model { get; init; }

    /// <summary>Model calls and tokens spent (features, reasoning path and, when it ran, clustering).</summary>
    public required TokenUsage Usage { get; init; }
}
