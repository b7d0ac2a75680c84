using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Microsoft.SemanticKernel.Services;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// A Semantic Kernel <see cref="IChatCompletionService"/> (the host's, or the OpenAI connector built
/// from <c>Rpm:Chat</c>) seen as an <see cref="IChatClient"/>, so every model RPM calls sits under the
/// same decorators. Unlike a plain conversion it keeps what RPM relies on: a JSON schema goes out by
/// name and strict, and the tokens come back from the connector's metadata whatever its type.
/// </summary>
internal sealed class ChatCompletionServiceChatClient : IChatClient
{
    private readonly IChatCompletionService _service;
    private readonly ChatClientMetadata _metadata;
    private readonly Func<OpenAIPromptExecutionSettings>? _connectorSettings;

    public ChatCompletionServiceChatClient(IChatCompletionService service, string? modelId)
    {
        _service = service;
        _connectorSettings = ConnectorExecutionSettings.FactoryFor(service);
        _metadata = Metadata(service.GetModelId() ?? modelId);
    }

    /// <summary>The schema name sent when the response format names none.</summary>
    internal const string DefaultSchemaName = "response";

    /// <summary>The metadata of a client over a service of <paramref name="modelId"/>.</summary>
    public static ChatClientMetadata Metadata(string? modelId) => new(nameof(IChatCompletionService), defaultModelId: modelId);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = new ChatHistory();
        foreach (var message in messages)
        {
            history.AddMessage(new AuthorRole(message.Role.Value), message.Text);
        }

        var settings = _connectorSettings is { } typed ? ConnectorExecutionSettings.Fill(typed(), options) : Settings(options);
        var reply = await _service.GetChatMessageContentAsync(history, settings, kernel: null, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply.Content))
        {
            ModelId = reply.ModelId,
            Usage = TokenUsageReader.FromMetadata(reply.Metadata),
            RawRepresentation = reply,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // RPM's stages never stream; one update with the whole reply keeps the contract.
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_service) ? _service
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The service belongs to whoever registered it.
    }

    /// <summary>True when the call asks for its schema to be followed strictly.</summary>
    internal static bool IsStrict(ChatOptions options) =>
        options.AdditionalProperties?.TryGetValue(StageResponseFormatChatClient.StrictKey, out var strict) == true && strict is true;

    // Any other service: the loosely typed settings every connector understands.
    private static PromptExecutionSettings Settings(ChatOptions? options)
    {
        var settings = new PromptExecutionSettings { ModelId = options?.ModelId, ExtensionData = new Dictionary<string, object>() };
        if (options is null)
        {
            return settings;
        }

        var data = settings.ExtensionData;
        Put(data, "temperature", options.Temperature);
        Put(data, "top_p", options.TopP);
        Put(data, "max_tokens", options.MaxOutputTokens);
        Put(data, "seed", options.Seed);
        Put(data, "frequency_penalty", options.FrequencyPenalty);
        Put(data, "presence_penalty", options.PresencePenalty);
        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                // The connectors' own shape for a named, strict schema (OpenAI's response_format object).
                data["response_format"] = NamedSchemaFormat(json.SchemaName ?? DefaultSchemaName, IsStrict(options), schema);
                break;
            case ChatResponseFormatJson:
                data["response_format"] = "json_object";
                break;
        }

        return settings;
    }

    // {"type": "json_schema", "json_schema": {"name", "strict", "schema"}}, written once around the schema as it is.
    private static JsonElement NamedSchemaFormat(string name, bool strict, JsonElement schema)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "json_schema");
            writer.WriteStartObject("json_schema");
            writer.WriteString("name", name);
            writer.WriteBoolean("strict", strict);
            writer.WritePropertyName("schema");
            schema.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void Put<T>(IDictionary<string, object> data, string key, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            data[key] = v;
        }
    }
}
