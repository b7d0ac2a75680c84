using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using RpmKernel.Testing;

namespace RpmKernel.Samples.Tests.Support;

/// <summary>The fake OpenAI-compatible server, a temp store, and the settings a sample reads, pointing at them.</summary>
internal sealed class SampleHost : IAsyncDisposable
{
    private SampleHost(FakeOpenAIServer server, TempDirectory directory)
    {
        Server = server;
        Directory = directory;
    }

    public FakeOpenAIServer Server { get; }

    public TempDirectory Directory { get; }

    public static async Task<SampleHost> StartAsync() => new(await FakeOpenAIServer.StartAsync(), new TempDirectory());

    /// <summary>The settings a sample would read from appsettings.json and Rpm__... variables, aimed at the fake server.</summary>
    public IConfiguration Configuration(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rpm:Chat:Endpoint"] = Server.Endpoint.ToString(),
            ["Rpm:Chat:ApiKey"] = "test-key",
            ["Rpm:Chat:MaxRetries"] = "2",
            ["Rpm:Embeddings:Provider"] = "OpenAI",
            ["Rpm:Embeddings:Dimensions"] = "64",
            ["Rpm:Store:Sqlite:Path"] = Directory.File("rpm.db"),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>Chat requests of one RPM stage (its output schema's name).</summary>
    public IReadOnlyList<RecordedRequest> StageRequests(string schemaName) =>
        Server.ChatRequests.Where(r => r.IsStage(schemaName)).ToList();

    /// <summary>
    /// Scripts the application's model: when a request offers a tool named like <paramref name="toolSuffix"/> and
    /// carries no tool result yet, it calls that tool with <paramref name="arguments"/>; once the result is back it
    /// answers with the tool's answer. Stage requests (which offer no tools) keep their schema-driven answers.
    /// </summary>
    public void ScriptToolCall(string toolSuffix, JsonObject arguments)
    {
        Server.Respond(request =>
        {
            var tool = FakeToolCall.OfferedTools(request).FirstOrDefault(t => t.EndsWith(toolSuffix, StringComparison.Ordinal));
            if (tool is null)
            {
                return null;
            }

            var results = FakeToolCall.ToolResults(request);
            if (results.Count == 0)
            {
                return FakeToolCall.Reply(tool, arguments);
            }

            var answer = ToolResultJson(results[^1])?["answer"]?.GetValue<string>() ?? "(no answer in the tool result)";
            return $"You would tag it '{answer}', going by your own past tags.";
        });
    }

    /// <summary>
    /// A tool result as JSON. Semantic Kernel sends a function's JSON text as it is; the Agent Framework sends it
    /// JSON-encoded once more (a JSON string holding the JSON), which a model reads the same way.
    /// </summary>
    public static JsonNode? ToolResultJson(string content)
    {
        var node = JsonNode.Parse(content);
        return node is JsonValue value && value.TryGetValue<string>(out var inner) ? JsonNode.Parse(inner) : node;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
