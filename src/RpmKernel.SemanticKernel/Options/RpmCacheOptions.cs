namespace RpmKernel.SemanticKernel.Options;

/// <summary>The content-addressed cache of model responses.</summary>
public sealed class RpmCacheOptions
{
    /// <summary>Whether identical model requests are answered from the cache.</summary>
    public bool Enabled { get; set; } = true;
}
