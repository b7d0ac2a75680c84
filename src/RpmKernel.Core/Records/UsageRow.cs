namespace RpmKernel.Core.Records;

/// <summary>
/// One model call in the usage ledger: who it was for, which stage and prompt version made it,
/// what it cost in tokens and time, and whether the response cache answered it.
/// </summary>
public sealed record UsageRow
{
    /// <summary>A unique id of the row (time-ordered).</summary>
    public required Guid Id { get; init; }

    /// <summary>The user the call was made for.</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>The stage (prompt name) that made the call.</summary>
    public required string Stage { get; init; }

    /// <summary>The prompt version of the stage.</summary>
    public string PromptVersion { get; init; } = "";

    /// <summary>The chat model id.</summary>
    public string Model { get; init; } = "";

    /// <summary>Prompt tokens (the tokens the cached call spent, on a cache hit).</summary>
    public long InputTokens { get; init; }

    /// <summary>Completion tokens (the tokens the cached call spent, on a cache hit).</summary>
    public long OutputTokens { get; init; }

    /// <summary>
    /// Of <see cref="InputTokens"/>, those the provider read from its prompt cache (OpenAI's
    /// <c>cached_tokens</c>: a prompt beginning it saw shortly before), billed at its cached-input rate.
    /// </summary>
    public long PromptCacheTokens { get; init; }

    /// <summary>Wall time of the call in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>True when the response came from the response cache and no model was called.</summary>
    public bool CacheHit { get; init; }

    /// <summary>True when the call failed after its HTTP retries (no tokens are known; the item is listed as failed).</summary>
    public bool Failed { get; init; }

    /// <summary>True when the call went through the provider's Batch API (priced at its batch rate).</summary>
    public bool Batch { get; init; }

    /// <summary>When the call finished.</summary>
    public required DateTimeOffset At { get; init; }
}
