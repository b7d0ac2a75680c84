using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAIChatResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// A stage call's <see cref="ChatOptions"/> as the settings type of Semantic Kernel's OpenAI and Azure
/// OpenAI connectors. Handed base <see cref="PromptExecutionSettings"/>, those connectors convert them
/// to their own type with a JSON round-trip on every call; settings already of their type are used as
/// they are, with the same request on the wire (the same sampling values, the same named strict schema).
/// </summary>
internal static class ConnectorExecutionSettings
{
    /// <summary>
    /// Makes the settings of <paramref name="service"/>'s own type, or null for a service that is
    /// neither connector (it gets the loosely typed settings).
    /// </summary>
    public static Func<OpenAIPromptExecutionSettings>? FactoryFor(IChatCompletionService service) => service switch
    {
        // Azure's settings derive from OpenAI's, so Azure is matched first.
        AzureOpenAIChatCompletionService => static () => new AzureOpenAIPromptExecutionSettings(),
        OpenAIChatCompletionService => static () => new OpenAIPromptExecutionSettings(),
        _ => null,
    };

    /// <summary>Fills <paramref name="settings"/> from <paramref name="options"/> as the connector's JSON conversion would.</summary>
    public static OpenAIPromptExecutionSettings Fill(OpenAIPromptExecutionSettings settings, ChatOptions? options)
    {
        settings.ModelId = options?.ModelId;
        if (options is null)
        {
            return settings;
        }

        // float → double → float is exact, so the connector sends the same values; the schema goes as
        // its UTF-8 text, the bytes the connector's own conversion would have made from it.
        settings.Temperature = options.Temperature;
        settings.TopP = options.TopP;
        settings.MaxTokens = options.MaxOutputTokens;
        settings.Seed = options.Seed;
        settings.FrequencyPenalty = options.FrequencyPenalty;
        settings.PresencePenalty = options.PresencePenalty;
        settings.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAIChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? ChatCompletionServiceChatClient.DefaultSchemaName,
                BinaryData.FromBytes(JsonMarshal.GetRawUtf8Value(schema).ToArray()),
                jsonSchemaIsStrict: ChatCompletionServiceChatClient.IsStrict(options) ? true : null),
            ChatResponseFormatJson => OpenAIChatResponseFormat.CreateJsonObjectFormat(),
            _ => null,
        };
        return settings;
    }
}
