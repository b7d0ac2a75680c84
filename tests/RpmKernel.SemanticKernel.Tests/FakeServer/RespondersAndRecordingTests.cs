using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

public sealed class RespondersAndRecordingTests : FakeServerTestBase
{
    [Fact]
    public async Task Newest_responder_is_tried_first_and_null_passes_to_the_older_one()
    {
        Server.Respond(_ => "older");
        Server.Respond(r => r.Body.Contains("special", StringComparison.Ordinal) ? "newer" : null);

        Assert.Equal("newer", await ChatContentAsync(ChatRequest("a special request")));
        Assert.Equal("older", await ChatContentAsync(ChatRequest("an ordinary request")));

        Server.ClearResponders();
        Assert.Equal("ok", await ChatContentAsync(ChatRequest("an ordinary request")));
    }

    [Fact]
    public async Task Responder_overrides_schema_generation_and_sees_the_parsed_body()
    {
        Server.Respond(r => r.BodyAsJsonNode()!["messages"]![0]!["content"]!.GetValue<string>() == "item-7" ? "{\"id\":\"item-7\"}" : null);
        var format = new JsonObject { ["type"] = "json_object" };

        Assert.Equal("{\"id\":\"item-7\"}", await ChatContentAsync(ChatRequest("item-7", format)));
    }

    [Fact]
    public async Task A_throwing_responder_becomes_a_500_that_names_the_problem()
    {
        Server.Respond(_ => throw new InvalidOperationException("bad test data"));

        using var response = await PostAsync("chat/completions", ChatRequest("hi"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Contains("bad test data", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_are_recorded_with_method_path_headers_and_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Endpoint, "chat/completions"))
        {
            Content = new StringContent(ChatRequest("record me").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Test", "42");
        (await Http.SendAsync(request)).Dispose();

        var recorded = Assert.Single(Server.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("Bearer test-key", recorded.Headers["authorization"]);
        Assert.Equal("42", recorded.Headers["X-Test"]);
        Assert.True(recorded.HasAuthorization);
        Assert.Equal("record me", recorded.BodyAsJsonNode()!["messages"]![0]!["content"]!.GetValue<string>());
        using var document = recorded.BodyAsJsonDocument();
        Assert.Equal("gpt-4o-mini", document.RootElement.GetProperty("model").GetString());

        Server.ClearRequests();
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Requests_without_authorization_are_answered_and_recorded_as_such()
    {
        using var anonymous = new HttpClient();

        using var response = await anonymous.PostAsync(
            new Uri(Server.Endpoint, "chat/completions"),
            new StringContent(ChatRequest("hi").ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(Assert.Single(Server.Requests).HasAuthorization);
    }

    [Fact]
    public async Task Chat_works_without_the_v1_prefix_and_unknown_routes_get_an_openai_404()
    {
        using (var unprefixed = await Http.PostAsync(
            new Uri(Server.BaseAddress, "chat/completions"),
            new StringContent(ChatRequest("hi").ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(200, (int)unprefixed.StatusCode);
        }

        using var missing = await Http.GetAsync(new Uri(Server.Endpoint, "assistants"));
        Assert.Equal(404, (int)missing.StatusCode);
        var error = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("unknown_url", error["code"]!.GetValue<string>());
        Assert.Contains("/v1/assistants", error["message"]!.GetValue<string>());

        Assert.Equal(["/chat/completions"], Server.ChatRequests.Select(r => r.Path).ToArray());
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task Endpoint_is_loopback_v1_and_models_are_listed()
    {
        Assert.Equal("127.0.0.1", Server.Endpoint.Host);
        Assert.True(Server.Endpoint.Port > 0);
        Assert.Equal("/v1/", Server.Endpoint.AbsolutePath);

        var models = JsonNode.Parse(await Http.GetStringAsync(new Uri(Server.Endpoint, "models")))!;

        Assert.Equal("list", models["object"]!.GetValue<string>());
        Assert.Contains("gpt-4o-mini", models["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Invalid_chat_body_is_a_400_that_says_what_to_send()
    {
        using var response = await Http.PostAsync(new Uri(Server.Endpoint, "chat/completions"), new StringContent("{\"model\": \"m\"}"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("messages", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Streaming_returns_the_same_content_as_server_sent_events()
    {
        var plain = await ChatContentAsync(ChatRequest("stream these words"));
        var request = ChatRequest("stream these words");
        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var response = await PostAsync("chat/completions", request);
        Assert.Equal(new MediaTypeHeaderValue("text/event-stream"), response.Content.Headers.ContentType);
        var events = (await response.Content.ReadAsStringAsync())
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e["data: ".Length..])
            .ToList();

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e)!).ToList();
        var streamed = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal(plain, streamed);
        Assert.Equal("stop", chunks.SelectMany(c => c["choices"]!.AsArray()).Last()!["finish_reason"]!.GetValue<string>());
        Assert.Equal(3, chunks[^1]["usage"]!["prompt_tokens"]!.GetValue<int>());
    }
}
