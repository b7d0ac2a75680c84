using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Usage;

/// <summary>
/// Estimated cost of model calls from configured per-model prices. A cache hit costs nothing (no
/// model was called); a model without a configured price has an unknown (null) cost.
/// </summary>
internal sealed class CostEstimator
{
    private const decimal TokensPerMillion = 1_000_000m;

    /// <summary>The share of the online price a Batch API call costs when no batch price is configured (OpenAI's 50 % discount).</summary>
    private const decimal BatchShare = 0.5m;

    private readonly Dictionary<string, RpmModelPrice> _prices;

    /// <summary>Creates an estimator over <paramref name="pricing"/>.</summary>
    /// <param name="pricing">The configured prices (<c>Rpm:Pricing</c>).</param>
    public CostEstimator(RpmPricingOptions pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        foreach (var (model, price) in pricing.Models)
        {
            if (price is null || price.InputPerMillion < 0 || price.OutputPerMillion < 0 || price.BatchInputPerMillion < 0 || price.BatchOutputPerMillion < 0
                || price.CachedInputPerMillion < 0)
            {
                throw new RpmInputException(
                    $"Rpm:Pricing:Models:{model} needs InputPerMillion and OutputPerMillion (and CachedInputPerMillion, BatchInputPerMillion, BatchOutputPerMillion when given) of zero or more (US dollars per million tokens); fix or remove the entry.");
            }
        }

        _prices = new Dictionary<string, RpmModelPrice>(pricing.Models, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="model"/> has a configured price.</summary>
    public bool HasPrice(string model) => PriceOf(model) is not null;

    /// <summary>The configured price of <paramref name="model"/>, or null when it has none.</summary>
    public RpmModelPrice? PriceOf(string model) => !string.IsNullOrEmpty(model) && _prices.TryGetValue(model, out var price) ? price : null;

    /// <summary>The cost in US dollars of <paramref name="inputTokens"/> and <paramref name="outputTokens"/> on <paramref name="model"/>, or null when it has no price.</summary>
    public decimal? Estimate(string model, long inputTokens, long outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        return PriceOf(model) is { } price
            ? ((inputTokens * price.InputPerMillion) + (outputTokens * price.OutputPerMillion)) / TokensPerMillion
            : null;
    }

    /// <summary>
    /// The cost of an online call on <paramref name="model"/> whose <paramref name="inputTokens"/> include
    /// <paramref name="cachedInputTokens"/> read from the provider's prompt cache (at <c>CachedInputPerMillion</c>
    /// when the model has one, else at the input price), or null when it has no price.
    /// </summary>
    public decimal? Estimate(string model, long inputTokens, long cachedInputTokens, long outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cachedInputTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cachedInputTokens, inputTokens);
        return Estimate(model, inputTokens - cachedInputTokens, outputTokens) is { } uncached && PriceOf(model) is { } price
            ? uncached + (cachedInputTokens * (price.CachedInputPerMillion ?? price.InputPerMillion) / TokensPerMillion)
            : null;
    }

    /// <summary>The cost of <paramref name="inputTokens"/> and <paramref name="outputTokens"/> on <paramref name="model"/> through the Batch API (half the online price unless configured), or null when it has no price.</summary>
    public decimal? EstimateBatch(string model, long inputTokens, long outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        return PriceOf(model) is { } price
            ? ((inputTokens * (price.BatchInputPerMillion ?? price.InputPerMillion * BatchShare))
                + (outputTokens * (price.BatchOutputPerMillion ?? price.OutputPerMillion * BatchShare))) / TokensPerMillion
            : null;
    }

    /// <summary>
    /// The cost of one ledger row: zero for a cache hit, the batch price for a Batch API call, the online
    /// price with its prompt-cache reads at the cached rate otherwise; null when its model has no price.
    /// </summary>
    public decimal? Estimate(UsageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.CacheHit ? 0m
            : row.Batch ? EstimateBatch(row.Model, row.InputTokens, row.OutputTokens)
            : Estimate(row.Model, row.InputTokens, Math.Clamp(row.PromptCacheTokens, 0, row.InputTokens), row.OutputTokens);
    }
}
