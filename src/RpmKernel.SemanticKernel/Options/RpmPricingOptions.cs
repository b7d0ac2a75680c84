namespace RpmKernel.SemanticKernel.Options;

/// <summary>Model prices for cost estimates (<c>Rpm:Pricing:Models:&lt;model&gt;:InputPerMillion</c> / <c>OutputPerMillion</c>).</summary>
public sealed class RpmPricingOptions
{
    /// <summary>The model whose price is built in: OpenAI's list price at the time of writing.</summary>
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>Price per chat model id; <see cref="DefaultModel"/> is preset to $0.15 input ($0.075 from the prompt cache) / $0.60 output per million tokens.</summary>
    public Dictionary<string, RpmModelPrice> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [DefaultModel] = new() { InputPerMillion = 0.15m, CachedInputPerMillion = 0.075m, OutputPerMillion = 0.60m },
    };
}
