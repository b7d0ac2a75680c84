namespace RpmKernel.Agents.Context;

/// <summary>How <see cref="RpmContextProvider"/> personalizes a run and whether it learns from it.</summary>
public sealed class RpmContextProviderOptions
{
    /// <summary>What is added before each run; <see cref="RpmContextMode.ReasoningExamples"/> by default.</summary>
    public RpmContextMode Mode { get; set; } = RpmContextMode.ReasoningExamples;

    /// <summary>How many past items to retrieve; null for <c>Rpm:Retrieval:TopK</c>.</summary>
    public int? TopK { get; set; }

    /// <summary>
    /// Turns a successful exchange into the (query, answer) item to learn (through
    /// <c>IRpmPipeline.ObserveAsync</c>), or returns null to learn nothing. Null (the default) learns
    /// nothing: what counts as the user's answer (an accepted suggestion, a rating) is the host's call.
    /// </summary>
    public Func<RpmExchange, RpmInteraction?>? LearnFrom { get; set; }

    /// <summary>The key of the provider's state (the bound scope) in the session's state bag; the type name by default.</summary>
    public string? StateKey { get; set; }
}
