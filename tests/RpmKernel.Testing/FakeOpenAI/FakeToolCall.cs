using System.Globalization;
using System.Text.Json.Nodes;

namespace RpmKernel.Testing;

/// <summary>
/// Lets a test responder make the assistant call tools instead of answering: return
/// <see cref="Reply(string, JsonObject)"/> from <see cref="FakeOpenAIServer.Respond"/> and the server
/// answers with <c>tool_calls</c> and <c>finish_reason: "tool_calls"</c>, so a client's automatic
/// function calling runs the tool and sends its result back in the next request. Non-streaming
/// requests only (the clients' automatic function calling in the samples does not stream).
/// </summary>
public static class FakeToolCall
{
    // Starts with a control character no model content begins with, so it cannot be mistaken for an answer.
    private const string Marker = "\u0001fake-tool-calls:";
    private static long s_sequence;

    /// <summary>Content that makes the assistant call <paramref name="name"/> with <paramref name="arguments"/>.</summary>
    /// <param name="name">The function name as the request's <c>tools</c> list spells it.</param>
    /// <param name="arguments">The call's arguments.</param>
    /// <returns>The responder content standing for the tool call.</returns>
    public static string Reply(string name, JsonObject arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(arguments);
        return Marker + new JsonArray(new JsonObject { ["name"] = name, ["arguments"] = arguments.DeepClone() }).ToJsonString();
    }

    /// <summary>The function names a chat request offered as tools (empty when it offered none).</summary>
    /// <param name="request">A recorded chat request.</param>
    /// <returns>The names under <c>tools[].function.name</c>.</returns>
    public static IReadOnlyList<string> OfferedTools(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.BodyAsJsonNode()?["tools"] is JsonArray tools
            ? tools.Select(t => t?["function"]?["name"]?.GetValue<string>()).OfType<string>().ToList()
            : [];
    }

    /// <summary>The contents of the request's <c>tool</c> messages: the results of earlier tool calls.</summary>
    /// <param name="request">A recorded chat request.</param>
    /// <returns>Each tool message's content, in order.</returns>
    public static IReadOnlyList<string> ToolResults(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.BodyAsJsonNode()?["messages"] is JsonArray messages
            ? messages.Where(m => m?["role"]?.GetValue<string>() == "tool")
                .Select(m => m!["content"] switch
                {
                    JsonValue v => v.GetValue<string>(),
                    JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
                    _ => "",
                })
                .ToList()
            : [];
    }

    /// <summary>The wire <c>tool_calls</c> array for content made by <see cref="Reply"/>, or null for ordinary content.</summary>
    internal static JsonArray? TryRead(string content)
    {
        if (!content.StartsWith(Marker, StringComparison.Ordinal) || JsonNode.Parse(content[Marker.Length..]) is not JsonArray calls)
        {
            return null;
        }

        var wire = new JsonArray();
        foreach (var call in calls.OfType<JsonObject>())
        {
            wire.Add(new JsonObject
            {
                ["id"] = "call_fake" + Interlocked.Increment(ref s_sequence).ToString("D6", CultureInfo.InvariantCulture),
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = call["name"]!.GetValue<string>(),
                    // The wire carries arguments as a JSON string.
                    ["arguments"] = call["arguments"]!.ToJsonString(),
                },
            });
        }

        return wire;
    }
}
