using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk mcp</c> as an MCP client sees it: a real stdio child process, the MCP C# client, the fake model behind it.</summary>
public sealed class McpServerTests
{
    [Fact]
    public async Task A_client_over_stdio_gets_only_the_read_only_tools_and_personalizes_for_the_bound_user()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "grace", "--task", "lamp2", "--history", history)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "mallory", "--task", "lamp2", "--history", cli.WriteFile("m.jsonl", OneMovie("x1")))).ExitCode);

        await using var client = await ConnectAsync(cli, "--user", "grace", "--task", "lamp2");
        var tools = await client.ListToolsAsync();
        var personalize = await client.CallToolAsync("Personalize", new Dictionary<string, object?> { ["query"] = Histories.NewMovie, ["userId"] = "mallory" });
        var explain = await client.CallToolAsync("ExplainUser", new Dictionary<string, object?> { ["userId"] = "mallory", ["task"] = "/etc/passwd" });
        var forget = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("ForgetUser", new Dictionary<string, object?> { ["userId"] = "mallory" }).AsTask());

        Assert.Equal("rpmk", client.ServerInfo?.Name);
        Assert.Equal(["ExplainUser", "Personalize"], tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations is { ReadOnlyHint: true, DestructiveHint: false, OpenWorldHint: false }, t.Name));
        Assert.Equal(["query"], tools.Single(t => t.Name == "Personalize").JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));

        Assert.NotEqual(true, personalize.IsError);
        using (var answer = JsonDocument.Parse(Text(personalize)))
        {
            Assert.Contains(answer.RootElement.GetProperty("answer").GetString(), Histories.Lamp2Labels);
            Assert.InRange(answer.RootElement.GetProperty("examples").GetInt32(), 1, 6);
        }

        // grace's model (6 items), whatever user or file the client named; mallory has 1 item and keeps it.
        Assert.Contains("\"itemCount\":6", Text(explain), StringComparison.Ordinal);
        Assert.DoesNotContain("root:", Text(explain), StringComparison.Ordinal);
        Assert.Contains("Unknown tool: 'ForgetUser'", forget.Message, StringComparison.Ordinal);
        var mallory = await cli.RunAsync("explain", "--user", "mallory", "--task", "lamp2", "--json");
        Assert.Equal(1, (int)mallory.Json["itemCount"]!);
    }

    [Fact]
    public async Task The_writing_tools_are_served_only_when_allowed_and_forget_is_annotated_destructive()
    {
        await using var cli = await CliHarness.StartAsync();

        await using var client = await ConnectAsync(cli, "--user", "grace", "--task", "lamp2", "--allow-learning", "--allow-forget");
        var tools = await client.ListToolsAsync();
        var ingest = await client.CallToolAsync("IngestHistory", new Dictionary<string, object?> { ["history"] = """[{"id":"m1","query":"A clerk rebels against the watchers.","answer":"dystopia"}]""" });
        var malformed = await client.CallToolAsync("IngestHistory", new Dictionary<string, object?> { ["history"] = "{not an array" });
        var forget = await client.CallToolAsync("ForgetUser", new Dictionary<string, object?>());

        Assert.Equal(["ExplainUser", "ForgetUser", "IngestHistory", "Personalize"], tools.Select(t => t.Name).Order());
        Assert.Equal(true, tools.Single(t => t.Name == "ForgetUser").ProtocolTool.Annotations?.DestructiveHint);
        Assert.Equal(false, tools.Single(t => t.Name == "IngestHistory").ProtocolTool.Annotations?.ReadOnlyHint);
        Assert.Equal("""{"items":1,"failed":0}""", Text(ingest));

        // A refusal reaches the client as its text, not as a generic error.
        Assert.True(malformed.IsError);
        Assert.Contains("The history is not a JSON array", Text(malformed), StringComparison.Ordinal);
        Assert.Equal("""{"records":1,"models":1}""", Text(forget));
    }

    private static Task<McpClient> ConnectAsync(CliHarness cli, params string[] args)
    {
        var environment = new Dictionary<string, string?>(cli.Environment) { ["OPENAI_API_KEY"] = null };
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "rpmk",
            Command = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            Arguments = [RpmProcess.RpmDll, "mcp", .. args],
            WorkingDirectory = cli.Directory.Path,
            EnvironmentVariables = environment,
        });
        return McpClient.CreateAsync(transport);
    }

    private static string Text(CallToolResult result)
    {
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        return text.StartsWith('"') ? JsonSerializer.Deserialize<string>(text)! : text;
    }

    private static string OneMovie(string id) => $$"""{"id": "{{id}}", "query": "Two sisters inherit a bakery.", "answer": "comedy"}""";
}
