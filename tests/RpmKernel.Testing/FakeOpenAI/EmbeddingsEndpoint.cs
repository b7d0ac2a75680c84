using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace RpmKernel.Testing;

/// <summary>POST /v1/embeddings with hashed bag-of-words vectors.</summary>
internal static class EmbeddingsEndpoint
{
    public const int DefaultDimensions = 384;
    private const int MaxDimensions = 8192;

    public static async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var inputs = body is null ? null : Inputs(body["input"]);
        if (body is null || inputs is null)
        {
            await OpenAIWire.WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                "The request needs 'input' as a string or an array of strings. Send {\"model\": ..., \"input\": [\"text\"]}.",
                "invalid_request").ConfigureAwait(false);
            return;
        }

        var dimensions = body["dimensions"] is JsonValue d && d.TryGetValue(out int requested) ? requested : DefaultDimensions;
        if (dimensions is < 1 or > MaxDimensions)
        {
            await OpenAIWire.WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                $"'dimensions' must be between 1 and {MaxDimensions}, got {dimensions}. Omit it for {DefaultDimensions}.",
                "invalid_dimensions").ConfigureAwait(false);
            return;
        }

        // The OpenAI .NET SDK may ask for base64 (little-endian float32) instead of a JSON array.
        var base64 = body["encoding_format"] is JsonValue f && f.TryGetValue(out string? format) && format == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = HashedEmbedding.Compute(inputs[i], dimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64
                    ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                    : new JsonArray(vector.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
            });
        }

        var tokens = inputs.Sum(TextWords.Count);
        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"] is JsonValue m && m.TryGetValue(out string? model) ? model : "fake-embedding-model",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        await OpenAIWire.WriteJsonAsync(context, response).ConfigureAwait(false);
    }

    // Token-id inputs (arrays of integers) are embedded as their space-joined numbers.
    private static List<string>? Inputs(JsonNode? input)
    {
        switch (input)
        {
            case JsonValue single when single.TryGetValue(out string? text):
                return [text];
            case JsonArray { Count: > 0 } ids when ids.All(n => n is JsonValue v && v.TryGetValue(out int _)):
                return [string.Join(' ', ids)];
            case JsonArray { Count: > 0 } many:
                var texts = new List<string>(many.Count);
                foreach (var item in many)
                {
                    switch (item)
                    {
                        case JsonValue v when v.TryGetValue(out string? text):
                            texts.Add(text);
                            break;
                        case JsonArray tokenIds:
                            texts.Add(string.Join(' ', tokenIds));
                            break;
                        default:
                            return null;
                    }
                }

                return texts;
            default:
                return null;
        }
    }
}
