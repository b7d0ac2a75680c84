using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// The Batch API transport, the outermost step of the model's HTTP pipeline: a chat completion request
/// made inside a <see cref="BatchRound"/> is parked there, exactly as the connector wrote it, and
/// answered with its line of the batch output, so the connector, the usage accounting and the repair
/// loop above see an ordinary response. Every other request (embeddings, repairs, calls outside a
/// round) passes straight through.
/// </summary>
internal sealed class BatchApiHandler : DelegatingHandler
{
    private const string ChatCompletionsPath = "chat/completions";

    private readonly BatchSubmitter _submitter;

    public BatchApiHandler(BatchSubmitter submitter)
    {
        _submitter = submitter;
    }

    /// <summary>Submits and collects one round's parked requests through the rest of the pipeline.</summary>
    internal Task RunAsync(IReadOnlyList<BatchRequest> requests, CancellationToken cancellationToken) =>
        _submitter.RunAsync(requests, (request, token) => base.SendAsync(request, token), cancellationToken);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.Content is null || request.RequestUri is not { } uri
            || !uri.AbsolutePath.EndsWith("/" + ChatCompletionsPath, StringComparison.Ordinal)
            || BatchRound.Current is not { CanPark: true } participant)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Buffered, so a request that cannot go in a batch is still sent as it was.
        await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (JsonNode.Parse(body) is not JsonObject json || json["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var call = StageCall.Current;
        var stage = call?.Prompt.Stage ?? "chat";
        var endpoint = new Uri(uri.GetLeftPart(UriPartial.Path)[..^ChatCompletionsPath.Length]);
        var parked = new BatchRequest(this, endpoint, request.Headers.Authorization?.ToString(), body, json["model"]?.ToString() ?? "", stage, call?.Ledger.Context);
        var line = await participant.Park(parked).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!line.Succeeded)
        {
            var said = ServerErrorText.FromBody(line.Body) is { } text ? $": {text}" : "";
            throw new BatchLineFailedException($"batch {line.BatchId} returned HTTP {line.StatusCode} for this {stage} request{said}; rerun the ingest to submit it again");
        }

        call?.ViaBatchApi = true;
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(line.Body, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }
}
