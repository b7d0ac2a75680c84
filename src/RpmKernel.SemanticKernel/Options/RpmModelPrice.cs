namespace RpmKernel.SemanticKernel.Options;

/// <summary>The list price of one chat model, in US dollars per million tokens.</summary>
public sealed class RpmModelPrice
{
    /// <summary>Dollars per million prompt (input) tokens.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>Dollars per million completion (output) tokens.</summary>
    public decimal OutputPerMillion { get; set; }

    /// <summary>
    /// Dollars per million input tokens the provider read from its prompt cache (OpenAI's <c>cached_tokens</c>);
    /// none = <see cref="InputPerMillion"/> (no discount).
    /// </summary>
    public decimal? CachedInputPerMillion { get; set; }

    /// <summary>Dollars per million input tokens of a call made through the Batch API; none = half of <see cref="InputPerMillion"/>.</summary>
    public decimal? BatchInputPerMillion { get; set; }

    /// <summary>Dollars per million output tokens of a call made through the Batch API; none = half of <see cref="OutputPerMillion"/>.</summary>
    public decimal? BatchOutputPerMillion { get; set; }
}
