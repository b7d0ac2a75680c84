namespace RpmKernel.SemanticKernel.Options;

/// <summary>The list price of one chat model, in US dollars per million tokens.</summary>
public sealed class RpmModelPrice
{
    /// <summary>Dollars per million prompt (input) tokens.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>Dollars per million completion (output) tokens.</summary>
    public decimal OutputPerMillion { get; set; }
}
