namespace RpmKernel.SemanticKernel.Options;

/// <summary>Feature-based retrieval.</summary>
public sealed class RpmRetrievalOptions
{
    /// <summary>Examples given to the model per answer.</summary>
    public int TopK { get; set; } = 4;
}
