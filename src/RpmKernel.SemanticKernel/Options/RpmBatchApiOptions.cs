namespace RpmKernel.SemanticKernel.Options;

/// <summary>
/// Bulk ingestion through the OpenAI Batch API (<c>Rpm:Ingest:BatchApi</c>): each offline stage's
/// calls of an ingest go out as one batch (or a few, within the API's limits) at the batch price,
/// and come back within the completion window instead of at once. For large offline imports, not
/// for interactive use.
/// </summary>
public sealed class RpmBatchApiOptions
{
    /// <summary>True to send ingest's stage calls (features, factors, reasoning) through the Batch API; <c>rpmk ingest --batch-api</c> sets it.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often a submitted batch's status is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The completion window asked of the provider (OpenAI offers <c>24h</c>).</summary>
    public string CompletionWindow { get; set; } = "24h";

    /// <summary>Where submitted batches are remembered so a killed run resumes them; none = a <c>batches</c> folder beside the SQLite store.</summary>
    public string? Directory { get; set; }

    /// <summary>The most requests in one batch (the API takes 50,000); a stage with more is split.</summary>
    public int MaxRequestsPerBatch { get; set; } = 50_000;

    /// <summary>The largest batch input file in bytes (the API takes 200 MB); a stage with more is split.</summary>
    public long MaxFileBytes { get; set; } = 190_000_000;
}
