using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

/// <summary>A fresh server per test, so queued faults and responders never leak between tests.</summary>
public abstract class FakeServerTestBase : IAsyncLifetime
{
    protected FakeOpenAIServer Server { get; private set; } = null!;

    protected HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await FakeOpenAIServer.StartAsync();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-key");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    protected static JsonObject ChatRequest(string user, JsonObject? responseFormat = null, string? system = null)
    {
        var messages = new JsonArray();
        if (system is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = user });
        var request = new JsonObject { ["model"] = "gpt-4o-mini", ["messages"] = messages };
        if (responseFormat is not null)
        {
            request["response_format"] = responseFormat;
        }

        return request;
    }

    protected static JsonObject JsonSchemaFormat(JsonObject schema) => new()
    {
        ["type"] = "json_schema",
        ["json_schema"] = new JsonObject { ["name"] = "answer", ["strict"] = true, ["schema"] = schema },
    };

    protected Task<HttpResponseMessage> PostAsync(string relativePath, JsonNode body) =>
        Http.PostAsync(new Uri(Server.Endpoint, relativePath), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>Posts a chat request, asserts 200 and returns the parsed completion.</summary>
    protected async Task<JsonObject> ChatAsync(JsonObject request)
    {
        using var response = await PostAsync("chat/completions", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    protected static string ContentOf(JsonObject completion) =>
        completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    protected async Task<string> ChatContentAsync(JsonObject request) => ContentOf(await ChatAsync(request));
}
