namespace RpmKernel.SemanticKernel.Batching;

/// <summary>One request's answer in a batch: the HTTP status and body the online call would have got, and the batch it came from.</summary>
/// <param name="BatchId">The batch the line belongs to.</param>
/// <param name="StatusCode">The status of the request (200 for an answer).</param>
/// <param name="Body">The response body (a chat completion, or an error object).</param>
internal sealed record BatchLine(string BatchId, int StatusCode, string Body)
{
    /// <summary>True when the line holds an answer.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
