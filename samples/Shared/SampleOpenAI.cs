using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples;

/// <summary>An OpenAI client on the same endpoint, key and model as RpmKernel's own calls, for the agent's or kernel's chat.</summary>
public static class SampleOpenAI
{
    /// <summary>The key sent to OpenAI-compatible servers that need none.</summary>
    private const string PlaceholderKey = "not-needed";

    /// <summary>The OpenAI client for <see cref="RpmChatOptions.Endpoint"/> (api.openai.com when unset).</summary>
    public static OpenAIClient CreateClient(RpmChatOptions chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var options = new OpenAIClientOptions { NetworkTimeout = chat.Timeout };
        if (chat.Endpoint is not null)
        {
            options.Endpoint = chat.Endpoint;
        }

        var key = chat.ResolveApiKey();
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? PlaceholderKey : key), options);
    }

    /// <summary>The chat model as a Microsoft.Extensions.AI <see cref="IChatClient"/>.</summary>
    public static IChatClient CreateChatClient(RpmChatOptions chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return CreateClient(chat).GetChatClient(chat.Model).AsIChatClient();
    }
}
