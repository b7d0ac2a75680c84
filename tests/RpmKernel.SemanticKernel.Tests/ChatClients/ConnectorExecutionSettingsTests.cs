using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RpmKernel.SemanticKernel.ChatClients;
using RpmKernel.SemanticKernel.Tests.FakeServer;

namespace RpmKernel.SemanticKernel.Tests.ChatClients;

/// <summary>
/// Semantic Kernel's OpenAI connectors get settings of their own type (no JSON round-trip per call)
/// and still send exactly the request the loosely typed settings made them send.
/// </summary>
public sealed class ConnectorExecutionSettingsTests : FakeServerTestBase
{
    private const string Schema = """{"type":"object","properties":{"label":{"type":"string","enum":["yes","no","café"]}},"required":["label"],"additionalProperties":false}""";

    public enum Format
    {
        StrictSchema,
        LooseSchema,
        JsonObject,
        Text,
    }

    [Theory]
    [InlineData(Format.StrictSchema)]
    [InlineData(Format.LooseSchema)]
    [InlineData(Format.JsonObject)]
    [InlineData(Format.Text)]
    public async Task The_openai_connector_sends_the_same_request_with_its_own_settings_type(Format format)
    {
        var service = new OpenAIChatCompletionService("gpt-4o-mini", Server.Endpoint, apiKey: "test-key");
        using var typed = new ChatCompletionServiceChatClient(service, modelId: null);
        using var loose = new ChatCompletionServiceChatClient(new PassThroughService(service), modelId: null);
        List<ChatMessage> messages = [new(ChatRole.System, "Label the review."), new(ChatRole.User, "Is this review positive?")];

        await typed.GetResponseAsync(messages, Options(format));
        await loose.GetResponseAsync(messages, Options(format));

        Assert.Equal(2, Server.ChatRequests.Count);
        var sentTyped = Server.ChatRequests[0].BodyAsJsonNode();
        var sentLoose = Server.ChatRequests[1].BodyAsJsonNode();
        Assert.True(JsonNode.DeepEquals(sentTyped, sentLoose), $"typed: {sentTyped?.ToJsonString()}\nloose: {sentLoose?.ToJsonString()}");
        Assert.Equal(0.2f, sentTyped!["temperature"]!.GetValue<float>());
        Assert.Equal(7, sentTyped["seed"]!.GetValue<long>());
        var responseFormat = sentTyped["response_format"]?["type"]?.GetValue<string>();
        Assert.Equal(format switch { Format.JsonObject => "json_object", Format.Text => null, _ => "json_schema" }, responseFormat);
        if (format == Format.StrictSchema)
        {
            Assert.True(sentTyped["response_format"]!["json_schema"]!["strict"]!.GetValue<bool>());
            Assert.Equal("verdict", sentTyped["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Each_connector_gets_its_own_settings_type_and_any_other_service_none()
    {
        var openAI = new OpenAIChatCompletionService("gpt-4o-mini", Server.Endpoint, apiKey: "test-key");
        var azure = new AzureOpenAIChatCompletionService("deployment", "https://example.openai.azure.com/", "key");

        Assert.IsType<OpenAIPromptExecutionSettings>(ConnectorExecutionSettings.FactoryFor(openAI)!());
        Assert.IsType<AzureOpenAIPromptExecutionSettings>(ConnectorExecutionSettings.FactoryFor(azure)!());
        Assert.Null(ConnectorExecutionSettings.FactoryFor(new PassThroughService(openAI)));
    }

    private static ChatOptions Options(Format format)
    {
        var options = new ChatOptions { Temperature = 0.2f, TopP = 0.9f, MaxOutputTokens = 300, Seed = 7, FrequencyPenalty = 0.1f, PresencePenalty = 0.3f };
        switch (format)
        {
            case Format.StrictSchema:
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement, "verdict");
                options.AdditionalProperties = new() { [StageResponseFormatChatClient.StrictKey] = true };
                break;
            case Format.LooseSchema:
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement);
                break;
            case Format.JsonObject:
                options.ResponseFormat = ChatResponseFormat.Json;
                break;
        }

        return options;
    }

    /// <summary>A service that is not a connector type, so it gets the loosely typed settings and hands them on.</summary>
    private sealed class PassThroughService(IChatCompletionService inner) : IChatCompletionService
    {
        public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

        public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
            ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
        {
            Assert.Equal(typeof(PromptExecutionSettings), executionSettings?.GetType());
            return inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
        }

        public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
            ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
            inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
    }
}
