using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// A chat request parked for a batch: its body exactly as the online call would have sent it, where
/// it was going, and the stage and user it is for. Its id in the batch is a hash of the endpoint and
/// body, so the same request in a rerun finds the batch it went out in.
/// </summary>
internal sealed class BatchRequest
{
    public BatchRequest(BatchApiHandler transport, Uri endpoint, string? authorization, string body, string model, string stage, StageCallContext? owner)
    {
        Transport = transport;
        Endpoint = endpoint;
        Authorization = authorization;
        Body = body;
        Model = model;
        Stage = stage;
        Owner = owner;
        CustomId = BatchJobLedger.CustomIdOf(endpoint, body);
    }

    /// <summary>The transport that parked it and will submit it.</summary>
    public BatchApiHandler Transport { get; }

    /// <summary>The API base the online call was going to (ending in <c>/</c>, such as <c>https://api.openai.com/v1/</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>The online call's Authorization header; sent with the batch calls, never stored.</summary>
    public string? Authorization { get; }

    /// <summary>The JSON body of the chat completion request.</summary>
    public string Body { get; }

    /// <summary>The model the body names.</summary>
    public string Model { get; }

    /// <summary>The stage that made the request.</summary>
    public string Stage { get; }

    /// <summary>The user and task the request is for, when known.</summary>
    public StageCallContext? Owner { get; }

    /// <summary>The request's <c>custom_id</c> in the batch.</summary>
    public string CustomId { get; }

    /// <summary>Completes with the request's line of the batch output (or error file).</summary>
    public TaskCompletionSource<BatchLine> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
