using RpmKernel.Core.Factors;

namespace RpmKernel.Core.Records;

/// <summary>A user's factors and their statistics for one task, with the provenance of the build.</summary>
public sealed record UserModel
{
    /// <summary>The user the model describes.</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>How many history items the statistics were computed over (<c>N</c>).</summary>
    public required int ItemCount { get; init; }

    /// <summary>The canonical factors with their statistics.</summary>
    public required IReadOnlyList<FactorStatistics> Factors { get; init; }

    /// <summary>Prompt version per stage that built the model.</summary>
    public IReadOnlyDictionary<string, string> PromptVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>The chat model id that built the model (the model of construct-reasoning, the stage that wrote the reasoning paths).</summary>
    public string Model { get; init; } = "";

    /// <summary>The chat model id of each stage that built the memory (extract-features, cluster-factors, construct-reasoning); empty on models built before it was kept.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>();

    /// <summary>When the model was built.</summary>
    public required DateTimeOffset BuiltAt { get; init; }
}
