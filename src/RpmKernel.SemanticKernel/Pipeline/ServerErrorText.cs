using System.ClientModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Text;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The model server's own words from a failed call's response body (<c>error.message</c> of an
/// OpenAI-style error, else the body), on one short line with keys and bearer tokens masked; a 404
/// that says "model 'llama9' not found" is worth more than the status code.
/// </summary>
internal static class ServerErrorText
{
    private const int MaxCharacters = 400;

    /// <summary>The server's text, or null when the failure carries no body.</summary>
    public static string? Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var body = exception switch
        {
            HttpOperationException http => http.ResponseContent,
            ClientResultException client => TryReadBody(client),
            _ => null,
        };
        if (body is null && exception.InnerException is { } inner)
        {
            return Of(inner);
        }

        return FromBody(body);
    }

    /// <summary>The server's text in a response body (an OpenAI-style error or plain text), or null for an empty body.</summary>
    public static string? FromBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var text = string.Join(' ', (MessageOf(body) ?? body).Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length > MaxCharacters)
        {
            text = string.Concat(text.AsSpan(0, MaxCharacters), "…");
        }

        return new SecretRedactor().Redact(text);
    }

    private static string? TryReadBody(ClientResultException client)
    {
        try
        {
            return client.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The <c>error.message</c>, <c>error</c> or <c>message</c> string of a JSON error body; null when it is not one.</summary>
    private static string? MessageOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }
            }

            return root.TryGetProperty("message", out var plain) && plain.ValueKind == JsonValueKind.String ? plain.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
