using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace RpmKernel.Testing;

/// <summary>POST /v1/chat/completions: faults, then test responders, then schema-driven content.</summary>
internal static class ChatCompletionEndpoint
{
    private static long s_sequence;

    public static async Task HandleAsync(HttpContext context, RecordedRequest request, FakeOpenAIServer server, CancellationToken cancellationToken)
    {
        var conversation = ChatConversation.TryParse(request.Body, out var error);
        if (conversation is null)
        {
            await OpenAIWire.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error, "invalid_request").ConfigureAwait(false);
            return;
        }

        var fault = server.TryDequeueFault();
        if (fault?.Kind == FakeFaultKind.Status)
        {
            await WriteFaultAsync(context, fault).ConfigureAwait(false);
            return;
        }

        if (fault?.Kind == FakeFaultKind.Delay)
        {
            await Task.Delay(fault.Duration, cancellationToken).ConfigureAwait(false);
        }

        if (server.Latency > TimeSpan.Zero)
        {
            await Task.Delay(server.Latency, cancellationToken).ConfigureAwait(false);
        }

        string content;
        try
        {
            content = fault?.Kind == FakeFaultKind.Content
                ? fault.RawContent
                : server.AnswerFromResponders(request) ?? ChatContentGenerator.Generate(conversation);
        }
#pragma warning disable CA1031 // A failing test responder must surface as a readable 500, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await OpenAIWire.WriteErrorAsync(
                context,
                StatusCodes.Status500InternalServerError,
                $"A test responder threw {ex.GetType().Name}: {ex.Message}. Fix the responder passed to FakeOpenAIServer.Respond.",
                "responder_failed").ConfigureAwait(false);
            return;
        }

        var cachedTokens = server.ReadPromptCache(conversation);
        if (conversation.Stream)
        {
            var promptTokens = Math.Max(1, conversation.Messages.Sum(m => TextWords.Count(m.Content)));
            var completionTokens = Math.Max(1, TextWords.Count(content));
            var streamId = "chatcmpl-fake" + Interlocked.Increment(ref s_sequence).ToString("D6", CultureInfo.InvariantCulture);
            await WriteStreamAsync(context, conversation, streamId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), content, OpenAIWire.Usage(promptTokens, completionTokens, cachedTokens)).ConfigureAwait(false);
            return;
        }

        await OpenAIWire.WriteJsonAsync(context, Completion(conversation, content, cachedTokens)).ConfigureAwait(false);
    }

    /// <summary>The chat completion body for <paramref name="content"/>, with usage counted from the conversation's words (<paramref name="cachedTokens"/> of them read from the prompt cache).</summary>
    internal static JsonObject Completion(ChatConversation conversation, string content, int cachedTokens = 0)
    {
        var promptTokens = Math.Max(1, conversation.Messages.Sum(m => TextWords.Count(m.Content)));
        var completionTokens = Math.Max(1, TextWords.Count(content));
        var id = "chatcmpl-fake" + Interlocked.Increment(ref s_sequence).ToString("D6", CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var toolCalls = FakeToolCall.TryRead(content);
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = conversation.Model,
            ["system_fingerprint"] = "fp_rpm_fake",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = toolCalls is null
                    ? new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null }
                    : new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = null, ["tool_calls"] = toolCalls },
                ["logprobs"] = null,
                ["finish_reason"] = toolCalls is null ? "stop" : "tool_calls",
            }),
            ["usage"] = OpenAIWire.Usage(promptTokens, completionTokens, cachedTokens),
        };
    }

    private static async Task WriteFaultAsync(HttpContext context, FakeFault fault)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers["Retry-After"] = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["retry-after-ms"] = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        if (fault.Body is { } raw)
        {
            context.Response.StatusCode = fault.StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await OpenAIWire.WriteErrorAsync(context, fault.StatusCode, $"Injected fault: HTTP {fault.StatusCode}.", "injected_fault").ConfigureAwait(false);
    }

    // Server-sent events in the shape the OpenAI SDK reads: a content delta, a finish chunk,
    // an optional usage chunk, then [DONE].
    private static async Task WriteStreamAsync(HttpContext context, ChatConversation conversation, string id, long created, string content, JsonObject usage)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";

        JsonObject Chunk(JsonNode? delta, string? finishReason) => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = conversation.Model,
            ["system_fingerprint"] = "fp_rpm_fake",
            ["choices"] = delta is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
        };

        var events = new List<JsonObject>
        {
            Chunk(new JsonObject { ["role"] = "assistant", ["content"] = content }, null),
            Chunk(new JsonObject(), "stop"),
        };
        if (conversation.IncludeUsageInStream)
        {
            var last = Chunk(null, null);
            last["usage"] = usage;
            events.Add(last);
        }

        foreach (var e in events)
        {
            await context.Response.WriteAsync($"data: {e.ToJsonString(OpenAIWire.Json)}\n\n", context.RequestAborted).ConfigureAwait(false);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
    }
}
