namespace RpmKernel.SemanticKernel.Options;

/// <summary>Offline ingestion.</summary>
public sealed class RpmIngestOptions
{
    /// <summary>History items per feature-extraction and reasoning call; 1 reproduces the paper's per-item calls.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>
    /// The most distinct proposed factor labels per clustering call (a call also holds at most about
    /// 12,000 tokens of labels); longer lists are clustered in chunks and merged.
    /// </summary>
    public int ClusterChunkSize { get; set; } = 400;

    /// <summary>The most canonical factors a user model keeps.</summary>
    public int MaxFactors { get; set; } = 8;

    /// <summary>The longest query or answer, in characters, an ingested history item may have; a longer one is refused.</summary>
    public int MaxItemCharacters { get; set; } = 8_000;

    /// <summary>The most items one ingest call takes; a longer history is refused (split it or raise the limit).</summary>
    public int MaxItems { get; set; } = 10_000;

    /// <summary>
    /// Learning one interaction at a time: how many distinct proposed factor labels may fail to map to the
    /// user's factors before clustering runs again; 1 (the default) re-clusters at the first unmapped label.
    /// </summary>
    public int ReclusterAfterUnmappedLabels { get; set; } = 1;

    /// <summary>Bulk ingestion at the batch price through the OpenAI Batch API (off by default).</summary>
    public RpmBatchApiOptions BatchApi { get; set; } = new();
}
