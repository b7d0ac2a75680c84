using System.Text.Json;
using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>Reads a Batch API output or error file: one <c>{"custom_id", "response": {"status_code", "body"}, "error"}</c> per line.</summary>
internal static class BatchOutput
{
    public static IEnumerable<(string CustomId, BatchLine Line)> Read(string batchId, string content)
    {
        foreach (var text in content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JsonObject? line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                // A line that is not JSON names no request; the requests it might have answered end as failed.
                continue;
            }

            if (line?["custom_id"] is not JsonValue id || !id.TryGetValue<string>(out var customId))
            {
                continue;
            }

            var response = line["response"] as JsonObject;
            var status = response?["status_code"] is JsonValue s && s.TryGetValue<int>(out var code) ? code : 500;
            if (response?["body"] is JsonObject body && line["error"] is null)
            {
                yield return (customId, new BatchLine(batchId, status, body.ToJsonString()));
                continue;
            }

            var message = line["error"]?["message"]?.ToString() ?? "the batch returned no response for this request";
            yield return (customId, new BatchLine(batchId, status is >= 200 and < 300 ? 500 : status,
                new JsonObject { ["error"] = new JsonObject { ["message"] = message } }.ToJsonString()));
        }
    }
}
