using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using RpmKernel.AspNetCore.Mcp;
using RpmKernel.AspNetCore.Tests.Auth;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.Mcp;

/// <summary><c>/mcp</c> as an MCP client sees it: the C# MCP client over streamable HTTP, the fake model behind the server.</summary>
public sealed class McpOverHttpTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    [Fact]
    public async Task A_reader_key_gets_the_read_only_tools_bound_to_the_user_of_its_header_whatever_the_arguments_say()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        await server.IngestAsync(TestKeys.AcmeTenant, "bob", TestHistories.Bob);

        await using var client = await ConnectAsync(server, TestKeys.AcmeReader, "alice");
        var tools = await client.ListToolsAsync();
        var personalize = await client.CallToolAsync("Personalize", new Dictionary<string, object?> { ["query"] = "A lone astronaut repairs a dying space station.", ["userId"] = "bob" });
        var explain = await client.CallToolAsync("ExplainUser", new Dictionary<string, object?> { ["userId"] = "bob", ["task"] = "/etc/passwd" });

        Assert.Equal("rpmk", client.ServerInfo?.Name);
        Assert.Equal(["ExplainUser", "Personalize"], tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations is { ReadOnlyHint: true, DestructiveHint: false }, t.Name));
        Assert.NotEqual(true, personalize.IsError);
        using (var answer = JsonDocument.Parse(Text(personalize)))
        {
            Assert.False(string.IsNullOrWhiteSpace(answer.RootElement.GetProperty("answer").GetString()));
            Assert.InRange(answer.RootElement.GetProperty("examples").GetInt32(), 1, TestHistories.Alice.Count);
        }

        // alice's model (4 items), not bob's (3), whatever user or file the client named.
        Assert.Contains("\"itemCount\":4", Text(explain), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_key_also_gets_the_writing_tools_and_they_write_only_the_bound_user()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "bob", TestHistories.Bob);

        await using var client = await ConnectAsync(server, TestKeys.AcmeAdmin, "carol");
        var tools = await client.ListToolsAsync();
        var ingest = await client.CallToolAsync("IngestHistory", new Dictionary<string, object?> { ["history"] = """[{"id":"c1","query":"A clerk rebels against the watchers.","answer":"dystopia"}]""", ["userId"] = "bob" });

        Assert.Equal(["ExplainUser", "ForgetUser", "IngestHistory", "Personalize"], tools.Select(t => t.Name).Order());
        Assert.Equal(true, tools.Single(t => t.Name == "ForgetUser").ProtocolTool.Annotations?.DestructiveHint);
        Assert.Equal("""{"items":1,"failed":0}""", Text(ingest));
        Assert.Equal(1, (await server.Pipeline.ExplainAsync("acme:carol", "lamp2")).ItemCount);
        Assert.Equal(3, (await server.Pipeline.ExplainAsync("acme:bob", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task A_globex_key_reaches_only_globex_users_of_the_same_name()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        await server.IngestAsync(TestKeys.GlobexTenant, "alice", TestHistories.Bob);
        await server.IngestAsync(TestKeys.AcmeTenant, "dave", TestHistories.Alice);

        await using var globex = await ConnectAsync(server, TestKeys.GlobexAdmin, "alice");
        var explain = await globex.CallToolAsync("ExplainUser", new Dictionary<string, object?>());
        await using var globexDave = await ConnectAsync(server, TestKeys.GlobexAdmin, "dave");
        var dave = await globexDave.CallToolAsync("ExplainUser", new Dictionary<string, object?>());
        var forget = await globexDave.CallToolAsync("ForgetUser", new Dictionary<string, object?>());

        Assert.Contains("\"itemCount\":3", Text(explain), StringComparison.Ordinal);
        Assert.True(dave.IsError);
        Assert.DoesNotContain("\"itemCount\"", Text(dave), StringComparison.Ordinal);
        Assert.NotEqual(true, forget.IsError);
        Assert.Equal(4, (await server.Pipeline.ExplainAsync("acme:dave", "lamp2")).ItemCount);
        Assert.Equal(4, (await server.Pipeline.ExplainAsync("acme:alice", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task Requests_without_a_key_get_401_and_without_a_user_header_400_both_as_problem_details()
    {
        await using var server = await RpmTestServer.StartAsync();
        using var http = new HttpClient();

        using var anonymous = await http.SendAsync(Post(server, key: null, user: "alice"));
        using var unknown = await http.SendAsync(Post(server, key: "not-a-key-of-this-server-at-all", user: "alice"));
        using var noUser = await http.SendAsync(Post(server, TestKeys.AcmeReader, user: null));
        using var badTask = await http.SendAsync(Post(server, TestKeys.AcmeReader, user: "alice", task: "../etc/passwd"));
        using var explainOnly = await http.SendAsync(Post(server, TestKeys.AcmeExplainer, user: "alice"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Authorization: Bearer", await ApiKeyAuthenticationTests.Detail(anonymous));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noUser.StatusCode);
        Assert.Contains(RpmMcpEndpointRouteBuilderExtensions.UserHeader, await ApiKeyAuthenticationTests.Detail(noUser));
        Assert.Equal(HttpStatusCode.BadRequest, badTask.StatusCode);
        Assert.Contains("paths are never accepted", await ApiKeyAuthenticationTests.Detail(badTask));

        // An Explain-only key still has ExplainUser, so it is served.
        Assert.Equal(HttpStatusCode.OK, explainOnly.StatusCode);
    }

    internal static Task<McpClient> ConnectAsync(RpmTestServer server, string key, string user) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string>
            {
                ["Authorization"] = "Bearer " + key,
                [RpmMcpEndpointRouteBuilderExtensions.UserHeader] = user,
            },
        }));

    private static HttpRequestMessage Post(RpmTestServer server, string? key, string? user, string? task = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "mcp"))
        {
            Content = new StringContent(Initialize, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (user is not null)
        {
            request.Headers.Add(RpmMcpEndpointRouteBuilderExtensions.UserHeader, user);
        }

        if (task is not null)
        {
            request.Headers.Add(RpmMcpEndpointRouteBuilderExtensions.TaskHeader, task);
        }

        return request;
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
