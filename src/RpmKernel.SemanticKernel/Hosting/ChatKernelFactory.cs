using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using OpenAI;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Builds the kernel RPM's stages run on, with Semantic Kernel's OpenAI or Azure OpenAI connector.</summary>
internal static class ChatKernelFactory
{
    /// <summary>What to do when no model is configured.</summary>
    public const string MissingModelMessage =
        "No model is configured: set OPENAI_API_KEY to use OpenAI, or set Rpm:Chat:Endpoint (for example Rpm__Chat__Endpoint=http://localhost:11434/v1) to use an OpenAI-compatible server.";

    /// <summary>The key sent to OpenAI-compatible servers that need none (Ollama, vLLM, LM Studio).</summary>
    private const string PlaceholderKey = "not-needed";

    /// <summary>True when a chat model can be reached with these options.</summary>
    public static bool IsConfigured(RpmChatOptions chat) =>
        chat.Endpoint is not null || !string.IsNullOrWhiteSpace(chat.ResolveApiKey());

    /// <summary>The kernel; <paramref name="http"/> is the resilient client every model request goes through.</summary>
    public static Kernel Create(RpmChatOptions chat, HttpClient http, ILoggerFactory? loggerFactory)
    {
        var builder = Kernel.CreateBuilder();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        // Without a model the kernel still runs the native stages (explain and forget need no model);
        // the first prompt stage then reports how to configure one.
        if (!IsConfigured(chat))
        {
            return builder.Build();
        }

        var key = chat.ResolveApiKey();
        switch (chat.Provider)
        {
            case ChatProvider.AzureOpenAI:
                if (chat.Endpoint is null || string.IsNullOrWhiteSpace(key))
                {
                    throw new RpmInputException("Azure OpenAI needs Rpm:Chat:Endpoint (https://NAME.openai.azure.com/) and an API key (Rpm:Chat:ApiKey or OPENAI_API_KEY); Rpm:Chat:Model is the deployment name.");
                }

                builder.AddAzureOpenAIChatCompletion(chat.Model, new AzureOpenAIClient(chat.Endpoint, new ApiKeyCredential(key), WithTransport(new AzureOpenAIClientOptions(), http)));
                break;
            default:
                builder.AddOpenAIChatCompletion(chat.Model, CreateOpenAIClient(chat.Endpoint, key, http));
                break;
        }

        return builder.Build();
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
