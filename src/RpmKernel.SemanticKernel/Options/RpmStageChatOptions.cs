namespace RpmKernel.SemanticKernel.Options;

/// <summary>
/// The chat settings of one prompt stage (<c>Rpm:Chat:Stages:&lt;stage&gt;</c>); each setting left
/// unset falls back to <c>Rpm:Chat:IngestModel</c> / <c>ServeModel</c> (the model only) and then to <c>Rpm:Chat:*</c>.
/// </summary>
public sealed class RpmStageChatOptions
{
    /// <summary>The provider of this stage's model, or null for <c>Rpm:Chat:Provider</c>.</summary>
    public ChatProvider? Provider { get; set; }

    /// <summary>The base URL of this stage's server, or null for <c>Rpm:Chat:Endpoint</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The chat model id of this stage, or null for the shortcut of its phase, then <c>Rpm:Chat:Model</c>.</summary>
    public string? Model { get; set; }

    /// <summary>The API key of this stage's server, or null for <c>Rpm:Chat:ApiKey</c>. Never printed or logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How this stage's output schema reaches the model, or null for <c>Rpm:Chat:StructuredOutput</c>.</summary>
    public StructuredOutputMode? StructuredOutput { get; set; }

    /// <summary>Model calls of this stage's model in flight at once, or null for <c>Rpm:Chat:MaxConcurrency</c>.</summary>
    public int? MaxConcurrency { get; set; }
}
