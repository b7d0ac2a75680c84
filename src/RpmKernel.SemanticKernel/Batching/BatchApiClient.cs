using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// The four calls of the OpenAI Batch API, sent through the model's resilient HTTP pipeline with the
/// online call's own Authorization: upload the JSONL input (<c>POST files</c>), create the batch
/// (<c>POST batches</c>), read its status (<c>GET batches/{id}</c>) and download a result file
/// (<c>GET files/{id}/content</c>).
/// </summary>
internal sealed class BatchApiClient
{
    /// <summary>The endpoint every line of an RPM batch calls.</summary>
    public const string ChatCompletionsUrl = "/v1/chat/completions";

    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _send;
    private readonly Uri _endpoint;
    private readonly string? _authorization;

    public BatchApiClient(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Uri endpoint, string? authorization)
    {
        _send = send;
        _endpoint = endpoint;
        _authorization = authorization;
    }

    /// <summary>Uploads <paramref name="jsonl"/> as a batch input file and returns its id.</summary>
    public async Task<string> UploadAsync(byte[] jsonl, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
        };
        var file = new ByteArrayContent(jsonl);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "rpm-batch.jsonl");
        var reply = await SendAsync(HttpMethod.Post, "files", form, cancellationToken).ConfigureAwait(false);
        return Required(reply, "id", "files");
    }

    /// <summary>Creates a batch of the chat completion requests in <paramref name="inputFileId"/>.</summary>
    public async Task<BatchStatus> CreateAsync(string inputFileId, string completionWindow, string stage, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["input_file_id"] = inputFileId,
            ["endpoint"] = ChatCompletionsUrl,
            ["completion_window"] = completionWindow,
            ["metadata"] = new JsonObject { ["source"] = "rpmkernel", ["stage"] = stage },
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return Status(await SendAsync(HttpMethod.Post, "batches", content, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The current status of <paramref name="batchId"/>.</summary>
    public async Task<BatchStatus> GetAsync(string batchId, CancellationToken cancellationToken) =>
        Status(await SendAsync(HttpMethod.Get, "batches/" + Uri.EscapeDataString(batchId), null, cancellationToken).ConfigureAwait(false));

    /// <summary>The text of the result file <paramref name="fileId"/> (JSONL).</summary>
    public async Task<string> ContentAsync(string fileId, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "files/" + Uri.EscapeDataString(fileId) + "/content", null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject
            ?? throw new HttpRequestException($"The Batch API answered {method} {path} with something other than a JSON object.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_endpoint, path)) { Content = content };
        if (_authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        var response = await _send(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var said = ServerErrorText.FromBody(text) is { } message ? $" (\"{message}\")" : "";
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException(
                $"The Batch API answered {method} {path} with HTTP {(int)status}{said}; the server at {_endpoint} must offer the OpenAI Batch API (files and batches) for --batch-api.",
                inner: null,
                status);
        }

        return response;
    }

    private static BatchStatus Status(JsonObject reply)
    {
        var counts = reply["request_counts"] as JsonObject;
        var errors = reply["errors"]?["data"] is JsonArray data
            ? string.Join("; ", data.Select(e => e?["message"]?.ToString()).Where(m => !string.IsNullOrEmpty(m)))
            : null;
        return new BatchStatus(
            Required(reply, "id", "batches"),
            Required(reply, "status", "batches"),
            Count(counts, "total"),
            Count(counts, "completed"),
            Count(counts, "failed"),
            Optional(reply, "output_file_id"),
            Optional(reply, "error_file_id"),
            string.IsNullOrEmpty(errors) ? null : errors);
    }

    private static int Count(JsonObject? counts, string name) =>
        counts?[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    private static string? Optional(JsonObject reply, string name) =>
        reply[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static string Required(JsonObject reply, string name, string path) =>
        Optional(reply, name) ?? throw new HttpRequestException($"The Batch API's answer to {path} has no '{name}'.");
}
