using System.ClientModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

/// <summary>The real OpenAI connectors (SK and Microsoft.Extensions.AI) understand the fake's wire format.</summary>
public sealed class OpenAIConnectorRoundTripTests : FakeServerTestBase
{
    [Fact]
    public async Task Semantic_kernel_chat_service_gets_schema_shaped_json_through_http()
    {
        var service = new OpenAIChatCompletionService("gpt-4o-mini", Server.Endpoint, apiKey: "test-key");
        var settings = new OpenAIPromptExecutionSettings
        {
            ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                "verdict",
                BinaryData.FromString("""{"type":"object","properties":{"label":{"type":"string","enum":["yes","no"]}},"required":["label"],"additionalProperties":false}"""),
                jsonSchemaIsStrict: true),
        };
        var history = new ChatHistory();
        history.AddUserMessage("Is this review positive?");

        var reply = await service.GetChatMessageContentAsync(history, settings);

        var label = JsonNode.Parse(reply.Content!)!["label"]!.GetValue<string>();
        Assert.Contains(label, new[] { "yes", "no" });
        var sent = Assert.Single(Server.ChatRequests).BodyAsJsonNode()!;
        Assert.Equal("json_schema", sent["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("Bearer test-key", Server.ChatRequests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task Semantic_kernel_streaming_and_a_retried_rate_limit_work()
    {
        Server.EnqueueFault(FakeFault.Status(429, retryAfter: TimeSpan.Zero));
        var service = new OpenAIChatCompletionService("gpt-4o-mini", Server.Endpoint, apiKey: "test-key");
        var history = new ChatHistory();
        history.AddUserMessage("hello");

        var watch = Stopwatch.StartNew();
        var parts = new List<string>();
        await foreach (var chunk in service.GetStreamingChatMessageContentsAsync(history))
        {
            parts.Add(chunk.Content ?? string.Empty);
        }

        Assert.Equal("ok", string.Concat(parts));
        Assert.Equal(2, Server.ChatRequests.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Extensions_ai_embedding_generator_reads_the_fake_embeddings()
    {
        var client = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = Server.Endpoint });
        using var generator = client.GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["shared words here", "shared words there", "nothing alike"]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        var near = Dot(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        var far = Dot(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(near > far, $"{near} vs {far}");
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
