using RpmKernel.Core.Features;

namespace RpmKernel.Core.Records;

/// <summary>A reasoning-enhanced history item <c>(q_i, G_i, r_i, a_i)</c> with its provenance.</summary>
public sealed record ReasoningRecord
{
    /// <summary>The user the item belongs to.</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>The history item id.</summary>
    public required string ItemId { get; init; }

    /// <summary>The item's query.</summary>
    public required string Query { get; init; }

    /// <summary>The user's answer.</summary>
    public required string Answer { get; init; }

    /// <summary>The extracted features <c>G_i</c>.</summary>
    public required IReadOnlyList<Feature> Features { get; init; }

    /// <summary>The text whose embedding retrieval compares (see <see cref="FeatureText"/>).</summary>
    public required string FeatureText { get; init; }

    /// <summary>The personalized reasoning path <c>r_i</c>.</summary>
    public required string Reasoning { get; init; }

    /// <summary>Prompt version per stage that built the record.</summary>
    public IReadOnlyDictionary<string, string> PromptVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>The chat model id that wrote the record's reasoning path (construct-reasoning); the user model keeps the model of every stage.</summary>
    public string Model { get; init; } = "";

    /// <summary>The embedding model that embedded <see cref="FeatureText"/>.</summary>
    public string EmbeddingModel { get; init; } = "";

    /// <summary>The length of the stored feature-text embedding (0 when not known, on records read without it).</summary>
    public int EmbeddingDimensions { get; init; }

    /// <summary>When the record was built.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
