namespace RpmKernel.SemanticKernel.Options;

/// <summary>Every RpmKernel option, bound from the configuration section <c>Rpm</c>.</summary>
public sealed class RpmOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Rpm";

    /// <summary>The chat model RPM calls.</summary>
    public RpmChatOptions Chat { get; set; } = new();

    /// <summary>The embedding generator for feature text.</summary>
    public RpmEmbeddingOptions Embeddings { get; set; } = new();

    /// <summary>Where records and user models live.</summary>
    public RpmStoreOptions Store { get; set; } = new();

    /// <summary>Feature-based retrieval.</summary>
    public RpmRetrievalOptions Retrieval { get; set; } = new();

    /// <summary>Offline ingestion.</summary>
    public RpmIngestOptions Ingest { get; set; } = new();

    /// <summary>Bounds on ids, queries and input files.</summary>
    public RpmLimitsOptions Limits { get; set; } = new();

    /// <summary>Prompt templates and their versions.</summary>
    public RpmPromptOptions Prompts { get; set; } = new();

    /// <summary>The content-addressed model response cache.</summary>
    public RpmCacheOptions Cache { get; set; } = new();

    /// <summary>Model prices for the cost estimates of the usage ledger.</summary>
    public RpmPricingOptions Pricing { get; set; } = new();
}
