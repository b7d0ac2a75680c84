using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace RpmKernel.Testing;

/// <summary>
/// The OpenAI Batch API of the fake server: POST /v1/files (multipart, purpose batch), GET
/// /v1/files/{id}/content, POST /v1/batches and GET /v1/batches/{id}. A batch stays in_progress for
/// <see cref="FakeOpenAIServer.BatchPollsBeforeCompletion"/> status reads, then every line is answered
/// as the chat endpoint would answer it online (responders, then the schema; faults and latency are online only), except the lines
/// <see cref="FakeOpenAIServer.FailBatchLines"/> picks, which go to the error file.
/// </summary>
internal static class BatchEndpoints
{
    public static async Task UploadAsync(HttpContext context, RecordedRequest request, FakeBatchStore store)
    {
        var contentType = context.Request.ContentType ?? "";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Boundary.Length == 0)
        {
            await OpenAIWire.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "POST /v1/files needs multipart/form-data with purpose and file.", "invalid_request").ConfigureAwait(false);
            return;
        }

        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(media.Boundary).Value!, new MemoryStream(Encoding.UTF8.GetBytes(request.Body)));
        string? purpose = null, file = null;
        while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            using var text = new StreamReader(section.Body);
            var value = await text.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (disposition?.Name.Value == "purpose")
            {
                purpose = value;
            }
            else if (disposition?.Name.Value == "file")
            {
                file = value;
            }
        }

        if (purpose != "batch" || file is null)
        {
            await OpenAIWire.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "POST /v1/files needs purpose=batch and a file part.", "invalid_request").ConfigureAwait(false);
            return;
        }

        var id = store.AddFile(file);
        await OpenAIWire.WriteJsonAsync(context, new JsonObject
        {
            ["id"] = id,
            ["object"] = "file",
            ["bytes"] = Encoding.UTF8.GetByteCount(file),
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["filename"] = "input.jsonl",
            ["purpose"] = "batch",
        }).ConfigureAwait(false);
    }

    public static async Task ContentAsync(HttpContext context, string fileId, FakeBatchStore store)
    {
        if (store.File(fileId) is not { } content)
        {
            await OpenAIWire.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"No file {fileId}.", "not_found").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/jsonl";
        await context.Response.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task CreateAsync(HttpContext context, RecordedRequest request, FakeBatchStore store)
    {
        var body = request.BodyAsJsonNode() as JsonObject;
        var inputFileId = body?["input_file_id"]?.ToString();
        if (inputFileId is null || store.File(inputFileId) is not { } input || body?["endpoint"]?.ToString() != "/v1/chat/completions")
        {
            await OpenAIWire.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "POST /v1/batches needs an uploaded input_file_id and endpoint /v1/chat/completions.", "invalid_request").ConfigureAwait(false);
            return;
        }

        var lines = input.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var batch = store.AddBatch(inputFileId, lines);
        await OpenAIWire.WriteJsonAsync(context, Describe(batch)).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context, string batchId, FakeOpenAIServer server, FakeBatchStore store)
    {
        if (store.Batch(batchId) is not { } batch)
        {
            await OpenAIWire.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"No batch {batchId}.", "not_found").ConfigureAwait(false);
            return;
        }

        JsonObject described;
        lock (batch)
        {
            if (batch.Status is "validating" or "in_progress")
            {
                // Read at each poll, so a test can let a batch that is already waiting complete.
                if (batch.Polls < server.BatchPollsBeforeCompletion)
                {
                    batch.Polls++;
                    batch.Status = "in_progress";
                    batch.Completed = Math.Min(batch.Total, batch.Completed + Math.Max(1, batch.Total / 4));
                }
                else
                {
                    Complete(batch, server, store);
                }
            }

            described = Describe(batch);
        }

        await OpenAIWire.WriteJsonAsync(context, described).ConfigureAwait(false);
    }

    private static void Complete(FakeBatch batch, FakeOpenAIServer server, FakeBatchStore store)
    {
        var output = new StringBuilder();
        var errors = new StringBuilder();
        int completed = 0, failed = 0;
        foreach (var text in store.File(batch.InputFileId)!.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = (JsonObject)JsonNode.Parse(text)!;
            var customId = line["custom_id"]!.ToString();
            var lineRequest = new RecordedRequest("POST", line["url"]!.ToString(), new Dictionary<string, string>(), line["body"]!.ToJsonString());
            server.RecordBatchLine(lineRequest);
            var requestId = "req_" + customId;
            if (server.FailBatchLines?.Invoke(lineRequest) == true)
            {
                failed++;
                errors.Append(new JsonObject
                {
                    ["id"] = "batch_req_" + customId,
                    ["custom_id"] = customId,
                    ["response"] = new JsonObject
                    {
                        ["status_code"] = StatusCodes.Status500InternalServerError,
                        ["request_id"] = requestId,
                        ["body"] = OpenAIWire.Error(StatusCodes.Status500InternalServerError, "Injected batch line failure.", "injected_fault"),
                    },
                    ["error"] = null,
                }.ToJsonString(OpenAIWire.Json)).Append('\n');
                continue;
            }

            var conversation = ChatConversation.TryParse(lineRequest.Body, out _)!;
            var content = server.AnswerFromResponders(lineRequest) ?? ChatContentGenerator.Generate(conversation);
            completed++;
            output.Append(new JsonObject
            {
                ["id"] = "batch_req_" + customId,
                ["custom_id"] = customId,
                ["response"] = new JsonObject
                {
                    ["status_code"] = StatusCodes.Status200OK,
                    ["request_id"] = requestId,
                    ["body"] = ChatCompletionEndpoint.Completion(conversation, content),
                },
                ["error"] = null,
            }.ToJsonString(OpenAIWire.Json)).Append('\n');
        }

        batch.Status = "completed";
        batch.Completed = completed;
        batch.Failed = failed;
        batch.OutputFileId = completed > 0 ? store.AddFile(output.ToString()) : null;
        batch.ErrorFileId = failed > 0 ? store.AddFile(errors.ToString()) : null;
    }

    private static JsonObject Describe(FakeBatch batch) => new()
    {
        ["id"] = batch.Id,
        ["object"] = "batch",
        ["endpoint"] = "/v1/chat/completions",
        ["input_file_id"] = batch.InputFileId,
        ["completion_window"] = "24h",
        ["status"] = batch.Status,
        ["output_file_id"] = batch.OutputFileId,
        ["error_file_id"] = batch.ErrorFileId,
        ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["request_counts"] = new JsonObject
        {
            ["total"] = batch.Total,
            ["completed"] = batch.Completed,
            ["failed"] = batch.Failed,
        },
        ["errors"] = null,
    };

    internal static string Sequence(string prefix, ref long counter) =>
        prefix + Interlocked.Increment(ref counter).ToString("D4", CultureInfo.InvariantCulture);
}
