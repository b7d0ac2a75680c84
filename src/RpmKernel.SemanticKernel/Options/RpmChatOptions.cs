namespace RpmKernel.SemanticKernel.Options;

/// <summary>The chat model: OpenAI, Azure OpenAI, or any OpenAI-compatible server.</summary>
public sealed class RpmChatOptions
{
    /// <summary><c>OpenAI</c> (also any OpenAI-compatible server via <see cref="Endpoint"/>) or <c>AzureOpenAI</c>.</summary>
    public ChatProvider Provider { get; set; } = ChatProvider.OpenAI;

    /// <summary>Base URL such as <c>http://localhost:11434/v1</c>; null means api.openai.com.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The chat model id (for Azure OpenAI, the deployment name).</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>The API key; when null, the <c>OPENAI_API_KEY</c> environment variable. Never printed or logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How the output JSON schema reaches the model.</summary>
    public StructuredOutputMode StructuredOutput { get; set; } = StructuredOutputMode.JsonSchema;

    /// <summary>Model calls in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Attempts after the first when a call fails (429, 5xx, timeout) or its output is invalid; the
    /// two kinds of retry are counted separately.
    /// </summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Timeout of each attempt of a call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The base delay of the exponential backoff (with jitter) between attempts of a failed call; a
    /// Retry-After header sent by the server wins.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The model of the stages that build a user's memory (extract-features, cluster-factors,
    /// construct-reasoning), or null for <see cref="Model"/>; <c>Stages:&lt;stage&gt;:Model</c> wins over it.
    /// </summary>
    public string? IngestModel { get; set; }

    /// <summary>
    /// The model of the stages that answer a new query (extract-target-features, generate, and the
    /// evaluation's baselines), or null for <see cref="Model"/>; <c>Stages:&lt;stage&gt;:Model</c> wins over it.
    /// </summary>
    public string? ServeModel { get; set; }

    /// <summary>Settings of single stages, keyed by stage name (<c>Rpm:Chat:Stages:generate:Model</c>); unset ones fall back to the above.</summary>
    public Dictionary<string, RpmStageChatOptions> Stages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When true, <c>personalize</c> warns once per user and task (in the log) when the user's memory was
    /// built by a model of another family than the one that serves it. Off by default: reuse is the point.
    /// </summary>
    public bool WarnOnModelFamilyChange { get; set; }

    /// <summary>Returns the configured key, or the <c>OPENAI_API_KEY</c> environment variable.</summary>
    public string? ResolveApiKey() =>
        string.IsNullOrWhiteSpace(ApiKey) ? Environment.GetEnvironmentVariable("OPENAI_API_KEY") : ApiKey;

    /// <summary>A shallow copy (the settings of one stage start from it).</summary>
    internal RpmChatOptions Clone() => (RpmChatOptions)MemberwiseClone();
}
