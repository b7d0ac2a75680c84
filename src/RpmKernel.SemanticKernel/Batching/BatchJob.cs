namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// A submitted batch as the ledger remembers it: enough to find it again from the same requests
/// (their custom ids) and to poll it, and nothing secret (no key, no request text).
/// </summary>
internal sealed record BatchJob
{
    /// <summary>The provider's batch id.</summary>
    public required string BatchId { get; init; }

    /// <summary>The API base it was submitted to.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The stage whose requests it holds.</summary>
    public required string Stage { get; init; }

    /// <summary>The model of its requests.</summary>
    public string Model { get; init; } = "";

    /// <summary>The user the requests are for, when known.</summary>
    public string? UserId { get; init; }

    /// <summary>The task the requests are for, when known.</summary>
    public string? Task { get; init; }

    /// <summary>The uploaded input file.</summary>
    public string InputFileId { get; init; } = "";

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The custom ids of its requests.</summary>
    public IReadOnlyList<string> CustomIds { get; init; } = [];
}
