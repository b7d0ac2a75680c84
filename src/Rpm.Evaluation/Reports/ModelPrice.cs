namespace Rpm.Evaluation.Reports;

/// <summary>A chat model's list price in USD per million tokens.</summary>
/// <param name="InputPerMillion">USD per million input tokens.</param>
/// <param name="OutputPerMillion">USD per million output tokens.</param>
public sealed record ModelPrice(double InputPerMillion, double OutputPerMillion)
{
    // OpenAI list prices (standard tier) at the time of writing; pass your own with EvalOptions for other models or tiers.
    private static readonly Dictionary<string, ModelPrice> s_known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o-mini"] = new(0.15, 0.60),
        ["gpt-4o"] = new(2.50, 10.00),
        ["gpt-4.1"] = new(2.00, 8.00),
        ["gpt-4.1-mini"] = new(0.40, 1.60),
        ["gpt-4.1-nano"] = new(0.10, 0.40),
    };

    /// <summary>The list price of a known model (a dated snapshot such as <c>gpt-4o-mini-2024-07-18</c> counts as its model), else null.</summary>
    public static ModelPrice? Of(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return s_known.Where(kv => model.Equals(kv.Key, StringComparison.OrdinalIgnoreCase) || model.StartsWith(kv.Key + "-2", StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv.Value).FirstOrDefault();
    }

    /// <summary>The estimated cost of the tokens in USD.</summary>
    public double Cost(long inputTokens, long outputTokens) => ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000;
}
