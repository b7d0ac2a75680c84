using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.ChatClients;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Telemetry;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// RPM's chat client: the model (the host's, or Semantic Kernel's OpenAI / Azure OpenAI connector
/// configured from <c>Rpm:Chat</c>) under the small pieces every stage call goes through.
/// </summary>
internal static class ChatClientFactory
{
    /// <summary>What to do when no model is configured.</summary>
    public const string MissingModelMessage =
        "No model is configured: set OPENAI_API_KEY to use OpenAI, or set Rpm:Chat:Endpoint (for example Rpm__Chat__Endpoint=http://localhost:11434/v1) to use an OpenAI-compatible server, or register an IChatClient (or call UseChatClient) in the host.";

    /// <summary>The key sent to OpenAI-compatible servers that need none (Ollama, vLLM, LM Studio).</summary>
    private const string PlaceholderKey = "not-needed";

    /// <summary>True when a chat model can be reached with these options.</summary>
    public static bool IsConfigured(RpmChatOptions chat) =>
        chat.Endpoint is not null || !string.IsNullOrWhiteSpace(chat.ResolveApiKey());

    /// <summary>The model of <c>Rpm:Chat</c> through Semantic Kernel's connector; <paramref name="http"/> is the resilient client every request goes through.</summary>
    public static IChatClient FromOptions(RpmChatOptions chat, HttpClient http, ILoggerFactory? loggerFactory)
    {
        ThrowIfIncomplete(chat);
        var key = chat.ResolveApiKey();
        if (chat.Provider == ChatProvider.AzureOpenAI)
        {
            // ThrowIfIncomplete refused a missing endpoint or key.
            var azure = new AzureOpenAIClient(chat.Endpoint, new ApiKeyCredential(key!), WithTransport(new AzureOpenAIClientOptions(), http));
            return new ChatCompletionServiceChatClient(new AzureOpenAIChatCompletionService(chat.Model, azure, chat.Model, loggerFactory), chat.Model);
        }

        var service = new OpenAIChatCompletionService(chat.Model, CreateOpenAIClient(chat.Endpoint, key, http), loggerFactory);
        return new ChatCompletionServiceChatClient(service, chat.Model);
    }

    /// <summary>Refuses settings <see cref="FromOptions"/> cannot build a connector from, before it is built (it is built on the first call).</summary>
    public static void ThrowIfIncomplete(RpmChatOptions chat)
    {
        if (chat.Provider == ChatProvider.AzureOpenAI && (chat.Endpoint is null || string.IsNullOrWhiteSpace(chat.ResolveApiKey())))
        {
            throw new RpmInputException("Azure OpenAI needs Rpm:Chat:Endpoint (https://NAME.openai.azure.com/) and an API key (Rpm:Chat:ApiKey or OPENAI_API_KEY); Rpm:Chat:Model is the deployment name.");
        }
    }

    /// <summary>The metadata of the connector <see cref="FromOptions"/> builds (what <see cref="ChatCompletionServiceChatClient"/> reports), known without building it.</summary>
    public static ChatClientMetadata MetadataOf(RpmChatOptions chat) => ChatCompletionServiceChatClient.Metadata(chat.Model);

    /// <summary>
    /// The pieces every stage call goes through, outermost first: the concurrency bound, GenAI
    /// telemetry (OpenTelemetry semantic conventions, source "Rpm"), usage accounting, and the
    /// stage's response format, over <paramref name="model"/>.
    /// </summary>
    public static IChatClient Decorate(IChatClient model, RpmChatOptions chat, StageCallRecorder recorder, ILoggerFactory? loggerFactory)
    {
        var formatted = new StageResponseFormatChatClient(model, chat.StructuredOutput);
        var accounted = new UsageRecordingChatClient(formatted, recorder);
        var traced = new ChatClientBuilder(accounted).UseOpenTelemetry(loggerFactory, RpmTelemetry.Name).Build();
        return new ConcurrencyLimitingChatClient(traced, chat.MaxConcurrency);
    }

    /// <summary>An OpenAI client (chat or embeddings) that sends through <paramref name="http"/>.</summary>
    public static OpenAIClient CreateOpenAIClient(Uri? endpoint, string? key, HttpClient http)
    {
        if (endpoint is null && string.IsNullOrWhiteSpace(key))
        {
            throw new RpmInputException(MissingModelMessage);
        }

        var options = WithTransport(new OpenAIClientOptions(), http);
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? PlaceholderKey : key), options);
    }

    /// <summary>
    /// Sends through the resilient <paramref name="http"/> with the client's own retries off, so a
    /// failing call is retried by one policy only; the per-attempt timeout is the pipeline's too.
    /// </summary>
    private static T WithTransport<T>(T options, HttpClient http)
        where T : ClientPipelineOptions
    {
        options.Transport = new HttpClientPipelineTransport(http);
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.NetworkTimeout = Timeout.InfiniteTimeSpan;
        return options;
    }
}
