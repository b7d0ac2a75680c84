namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// A request that came back from the Batch API without an answer (an error line, or a batch that
/// failed, expired or was cancelled). Its items are failed items of their stage; they are not retried
/// online at full price, and a rerun of the ingest submits them again.
/// </summary>
internal sealed class BatchLineFailedException : Exception
{
    public BatchLineFailedException(string message)
        : base(message)
    {
    }

    public BatchLineFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BatchLineFailedException()
    {
    }
}
