namespace RpmKernel.SemanticKernel.Options;

/// <summary>Which connector talks to the chat model.</summary>
public enum ChatProvider
{
    /// <summary>OpenAI, or any OpenAI-compatible server (Ollama, vLLM, LM Studio) via an endpoint.</summary>
    OpenAI,

    /// <summary>Azure OpenAI; <see cref="RpmChatOptions.Model"/> is the deployment name.</summary>
    AzureOpenAI,
}
