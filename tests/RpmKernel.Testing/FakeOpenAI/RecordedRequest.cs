using System.Text.Json;
using System.Text.Json.Nodes;

namespace RpmKernel.Testing;

/// <summary>One HTTP request received by <see cref="FakeOpenAIServer"/>, as the client sent it.</summary>
public sealed class RecordedRequest
{
    /// <summary>Creates a record (the server creates them; tests may too, to exercise responders).</summary>
    /// <param name="method">HTTP method, such as POST.</param>
    /// <param name="path">Request path as sent, such as /v1/chat/completions.</param>
    /// <param name="headers">Request headers; lookups are case-insensitive.</param>
    /// <param name="body">Request body as text; empty when there was none.</param>
    public RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        Method = method;
        Path = path;
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Body = body;
    }

    /// <summary>HTTP method, such as POST.</summary>
    public string Method { get; }

    /// <summary>Request path as sent, such as /v1/chat/completions.</summary>
    public string Path { get; }

    /// <summary>Request headers (multiple values joined with a comma); lookups are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Request body as text; empty when there was none.</summary>
    public string Body { get; }

    /// <summary>When the server had read the request (a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value; 0 for a record made by a test).</summary>
    public long ReceivedAt { get; internal set; }

    /// <summary>True when the request carried an Authorization header.</summary>
    public bool HasAuthorization => Headers.ContainsKey("Authorization");

    /// <summary>The body parsed as a mutable JSON node.</summary>
    /// <returns>The parsed body, or null for an empty body or the JSON literal null.</returns>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public JsonNode? BodyAsJsonNode() => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The body parsed as a read-only JSON document; dispose it when done.</summary>
    /// <returns>The parsed document.</returns>
    /// <exception cref="JsonException">The body is empty or not valid JSON.</exception>
    public JsonDocument BodyAsJsonDocument() => JsonDocument.Parse(Body);

    /// <inheritdoc />
    /// <summary>The name of the response schema a chat request asked for (an RPM stage or baseline prompt), or null.</summary>
    public string? SchemaName() => BodyAsJsonNode()?["response_format"]?["json_schema"]?["name"]?.GetValue<string>();

    /// <summary>True when the request asked for the response schema <paramref name="schemaName"/>.</summary>
    /// <param name="schemaName">The schema name, e.g. <c>extracted_features</c>.</param>
    public bool IsStage(string schemaName) => SchemaName() == schemaName;

    public override string ToString() => $"{Method} {Path} ({Body.Length} chars)";
}
