namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>The prompt stages of RPM (DESIGN.md §1), each a folder under <c>prompts/rpm/</c>.</summary>
public static class RpmStage
{
    /// <summary>Stage 1: response-influencing features of each history item.</summary>
    public const string ExtractFeatures = "extract-features";

    /// <summary>Stage 2: proposed factor labels merged into canonical user factors.</summary>
    public const string ClusterFactors = "cluster-factors";

    /// <summary>Stage 4: a personalized reasoning path per history item.</summary>
    public const string ConstructReasoning = "construct-reasoning";

    /// <summary>Stage 6: factor-aware features of a new query.</summary>
    public const string ExtractTargetFeatures = "extract-target-features";

    /// <summary>Stage 8: the answer, reasoned like the user.</summary>
    public const string Generate = "generate";

    /// <summary>Every prompt stage in pipeline order.</summary>
    public static IReadOnlyList<string> All { get; } = [ExtractFeatures, ClusterFactors, ConstructReasoning, ExtractTargetFeatures, Generate];

    /// <summary>The template inputs each stage is given; a prompt file must declare them all.</summary>
    public static IReadOnlyList<string> RequiredInputs(string stage) => stage switch
    {
        ExtractFeatures => ["task", "items"],
        ClusterFactors => ["task", "labels", "max_factors"],
        ConstructReasoning => ["task", "factors", "items"],
        ExtractTargetFeatures => ["task", "query", "factors"],
        Generate => ["task", "query", "features", "factors", "examples"],
        _ => [],
    };
}
