namespace RpmKernel.SemanticKernel.Usage;

/// <summary>The billed calls of one model that has no configured price: their cost is not in any estimate.</summary>
/// <param name="Model">The model id.</param>
/// <param name="Calls">Model calls made (cache hits excluded).</param>
/// <param name="InputTokens">Prompt tokens billed.</param>
/// <param name="OutputTokens">Completion tokens billed.</param>
internal sealed record UnpricedUsage(string Model, int Calls, long InputTokens, long OutputTokens)
{
    /// <summary>Input and output tokens together.</summary>
    public long Tokens => InputTokens + OutputTokens;
}
