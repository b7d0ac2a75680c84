namespace RpmKernel.SemanticKernel.Usage;

/// <summary>The usage of one user and stage (or a total): model calls, cache hits, tokens and estimated cost.</summary>
/// <param name="UserId">The user, or null on a total.</param>
/// <param name="Stage">The stage, or null on a per-user or grand total.</param>
/// <param name="Calls">Model calls made (cache hits excluded).</param>
/// <param name="CacheHits">Calls answered from the response cache (no tokens billed).</param>
/// <param name="InputTokens">Prompt tokens billed (cache hits excluded).</param>
/// <param name="OutputTokens">Completion tokens billed (cache hits excluded).</param>
/// <param name="CachedInputTokens">Prompt tokens the cache hits saved.</param>
/// <param name="CachedOutputTokens">Completion tokens the cache hits saved.</param>
/// <param name="EstimatedCost">US dollars; null when a model of these calls has no configured price.</param>
internal sealed record UsageLine(
    string? UserId,
    string? Stage,
    int Calls,
    int CacheHits,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    long CachedOutputTokens,
    decimal? EstimatedCost)
{
    /// <summary>US dollars of the calls whose model has a price (all of <see cref="EstimatedCost"/> when every model has one).</summary>
    public decimal PricedCost { get; init; }

    /// <summary>Calls whose model has no configured price (not in <see cref="PricedCost"/>).</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Tokens (input and output) of the calls whose model has no configured price.</summary>
    public long UnpricedTokens { get; init; }

    /// <summary>Of <see cref="InputTokens"/>, those the provider read from its prompt cache (priced at its cached-input rate).</summary>
    public long PromptCacheTokens { get; init; }

    /// <summary>Calls that went through the Batch API (priced at the batch rate); part of <see cref="Calls"/>.</summary>
    public int BatchCalls { get; init; }
}
