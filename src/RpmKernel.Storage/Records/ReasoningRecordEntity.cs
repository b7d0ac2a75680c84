using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// The stored form of a <see cref="RpmKernel.Core.Records.ReasoningRecord"/>: the flat scalar properties
/// of <see cref="ReasoningRecordData"/> any vector store can hold, plus the feature-text embedding.
/// The vector dimension depends on the embedding model, so collections are opened with
/// <see cref="CreateDefinition"/>, which overrides the placeholder dimension of the attribute.
/// </summary>
public sealed class ReasoningRecordEntity : ReasoningRecordData
{
    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "rpm_reasoning";

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
                new VectorStoreDataProperty(nameof(ContentHash), typeof(string)),
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
