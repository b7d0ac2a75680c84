using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Jobs;

/// <summary>
/// One ingest job as it is persisted: whose history (tenant, stored user id, task), the items, and how far it got.
/// The items are kept until the job ends, so a restarted server can run it again; ingest reuses every item
/// already stored, so the rerun calls the model only for what was missing.
/// </summary>
internal sealed record IngestJob
{
    public required string Id { get; init; }

    public required string Tenant { get; init; }

    /// <summary>The tenant's own user id (as the request named it).</summary>
    public required string UserId { get; init; }

    /// <summary>The stored user id (<c>&lt;tenant&gt;:&lt;userId&gt;</c>).</summary>
    public required string StoredUserId { get; init; }

    public required string Task { get; init; }

    public bool Rebuild { get; init; }

    /// <summary>The history to ingest; emptied when the job ends (the records hold it then).</summary>
    public required IReadOnlyList<HistoryItem> Items { get; init; }

    /// <summary>How many items the job was given.</summary>
    public required int ItemCount { get; init; }

    public IngestJobStatus Status { get; init; }

    /// <summary>How many times a server started running it (more than 1 after a restart).</summary>
    public int Attempts { get; init; }

    /// <summary>The last progress report per stage.</summary>
    public IReadOnlyDictionary<string, IngestProgress> Progress { get; init; } = new Dictionary<string, IngestProgress>();

    public IReadOnlyList<FailedItem> Failed { get; init; } = [];

    public int Reused { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
