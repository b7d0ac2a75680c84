namespace RpmKernel.AspNetCore.Jobs;

/// <summary>Where an ingest job is.</summary>
internal enum IngestJobStatus
{
    /// <summary>Accepted, waiting for the runner (also after a restart, until it resumes).</summary>
    Queued,

    /// <summary>Being ingested.</summary>
    Running,

    /// <summary>Done; some items may still be listed as failed.</summary>
    Succeeded,

    /// <summary>Stopped by an error that is not one item's (the message is in <c>error</c>).</summary>
    Failed,
}
