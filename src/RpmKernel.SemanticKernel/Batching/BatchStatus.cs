namespace RpmKernel.SemanticKernel.Batching;

/// <summary>A batch as the provider reports it.</summary>
/// <param name="Id">The batch id.</param>
/// <param name="Status">validating, in_progress, finalizing, completed, failed, expired, cancelling or cancelled.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Completed">Requests answered so far.</param>
/// <param name="Failed">Requests that failed so far.</param>
/// <param name="OutputFileId">The answers, once there are any.</param>
/// <param name="ErrorFileId">The failed requests, when some failed.</param>
/// <param name="Error">The provider's reason when the whole batch failed.</param>
internal sealed record BatchStatus(string Id, string Status, int Total, int Completed, int Failed, string? OutputFileId, string? ErrorFileId, string? Error)
{
    /// <summary>True once the batch will not change any more.</summary>
    public bool IsFinal => Status is "completed" or "failed" or "expired" or "cancelled";
}
