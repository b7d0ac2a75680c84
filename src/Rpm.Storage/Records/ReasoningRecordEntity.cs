using Microsoft.Extensions.VectorData;

namespace Rpm.Storage.Records;

/// <summary>
/// The stored form of a <see cref="Rpm.Core.Records.ReasoningRecord"/>: flat scalar properties
/// any vector store can hold, plus the feature-text embedding. The vector dimension depends on
/// the embedding model, so collections are opened with <see cref="CreateDefinition"/>, which
/// overrides the placeholder dimension of the attribute.
/// </summary>
public sealed class ReasoningRecordEntity : IUserScopedEntity
{
    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "rpm_reasoning";

    /// <summary>The deterministic key of (user, task, item): <see cref="Rpm.Core.Records.RecordKeys.ForItem"/>.</summary>
    [VectorStoreKey]
    public Guid Key { get; set; }

    /// <summary>The user the item belongs to; every read filters on it.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string UserId { get; set; } = "";

    /// <summary>The task profile name; every read filters on it.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Task { get; set; } = "";

    /// <summary>The history item id.</summary>
    [VectorStoreData]
    public string ItemId { get; set; } = "";

    /// <summary>The item's query.</summary>
    [VectorStoreData]
    public string Query { get; set; } = "";

    /// <summary>The user's answer.</summary>
    [VectorStoreData]
    public string Answer { get; set; } = "";

    /// <summary>The features as a camelCase JSON array of <c>{name, context, factor}</c>.</summary>
    [VectorStoreData]
    public string FeaturesJson { get; set; } = "[]";

    /// <summary>The text whose embedding is <see cref="Embedding"/>.</summary>
    [VectorStoreData]
    public string FeatureText { get; set; } = "";

    /// <summary>The personalized reasoning path.</summary>
    [VectorStoreData]
    public string Reasoning { get; set; } = "";

    /// <summary>Prompt version per stage, as a JSON object.</summary>
    [VectorStoreData]
    public string PromptVersionsJson { get; set; } = "{}";

    /// <summary>The chat model id that built the record.</summary>
    [VectorStoreData]
    public string Model { get; set; } = "";

    /// <summary>The embedding model that produced <see cref="Embedding"/>.</summary>
    [VectorStoreData]
    public string EmbeddingModel { get; set; } = "";

    /// <summary>The length of <see cref="Embedding"/>, so a reader can tell which model dimension built the record without reading the vector.</summary>
    [VectorStoreData]
    public int EmbeddingDimensions { get; set; }

    /// <summary>When the record was built.</summary>
    [VectorStoreData]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The feature-text embedding, compared by cosine similarity. 384 is a placeholder; see <see cref="CreateDefinition"/>.</summary>
    [VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float>? Embedding { get; set; }

    /// <summary>
    /// The collection definition for embeddings of <paramref name="dimensions"/> floats (384 for
    /// local MiniLM, 1536 for OpenAI text-embedding-3-small). It lists every property, so it also
    /// serves providers that read the definition only.
    /// </summary>
    /// <param name="dimensions">The embedding model's vector length.</param>
    public static VectorStoreCollectionDefinition CreateDefinition(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Key), typeof(Guid)),
                new VectorStoreDataProperty(nameof(UserId), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(Task), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(ItemId), typeof(string)),
                new VectorStoreDataProperty(nameof(Query), typeof(string)),
                new VectorStoreDataProperty(nameof(Answer), typeof(string)),
                new VectorStoreDataProperty(nameof(FeaturesJson), typeof(string)),
                new VectorStoreDataProperty(nameof(FeatureText), typeof(string)),
                new VectorStoreDataProperty(nameof(Reasoning), typeof(string)),
                new VectorStoreDataProperty(nameof(PromptVersionsJson), typeof(string)),
                new VectorStoreDataProperty(nameof(Model), typeof(string)),
                new VectorStoreDataProperty(nameof(EmbeddingModel), typeof(string)),
                new VectorStoreDataProperty(nameof(EmbeddingDimensions), typeof(int)),
                new VectorStoreDataProperty(nameof(CreatedAt), typeof(DateTimeOffset)),
                new VectorStoreVectorProperty(nameof(Embedding), typeof(ReadOnlyMemory<float>?), dimensions)
                {
                    DistanceFunction = DistanceFunction.CosineSimilarity,
                },
            ],
        };
    }
}
