using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace RpmKernel.Testing;

/// <summary>Writes JSON bodies and OpenAI-style error objects.</summary>
internal static class OpenAIWire
{
    // Readable output (quotes inside content stay quotes, not \u0022) keeps recorded transcripts legible;
    // the result is still valid JSON because only HTML-sensitive escaping is relaxed.
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJsonAsync(HttpContext context, JsonNode body, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(Json), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message, string? code = null) =>
        WriteJsonAsync(context, Error(statusCode, message, code), statusCode);

    public static JsonObject Error(int statusCode, string message, string? code = null) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = statusCode switch
            {
                StatusCodes.Status429TooManyRequests => "rate_limit_error",
                StatusCodes.Status401Unauthorized => "authentication_error",
                >= 500 => "server_error",
                _ => "invalid_request_error",
            },
            ["param"] = null,
            ["code"] = code,
        },
    };

    public static JsonObject Usage(int promptTokens, int completionTokens, int cachedTokens = 0) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = Math.Min(cachedTokens, promptTokens) },
    };
}
