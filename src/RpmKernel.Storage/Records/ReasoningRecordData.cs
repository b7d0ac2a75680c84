using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// The data of a stored <see cref="RpmKernel.Core.Records.ReasoningRecord"/> without its embedding. As
/// a record type of its own it is a view without vectors, which every store reads from a
/// reasoning collection whatever the collection's vector dimension (how re-embedding reads a
/// collection built with another model), and the form of the rebuild backup.
/// </summary>
public class ReasoningRecordData : UserScopedEntity
{
    /// <summary>The history item id.</summary>
    [VectorStoreData]
    public string ItemId { get; set; } = "";

    /// <summary>The item's query.</summary>
    [VectorStoreData]
    public string Query { get; set; } = "";

    /// <summary>The user's answer.</summary>
    [VectorStoreData]
    public string Answer { get; set; } = "";

    /// <summary>
    /// The <see cref="RpmKernel.Core.History.ItemContentHash"/> of the query and answer, so an ingest
    /// tells unchanged items from changed ones by reading ids and hashes only; empty in records
    /// written before the column existed.
    /// </summary>
    [VectorStoreData]
    public string ContentHash { get; set; } = "";

    /// <summary>The features as a camelCase JSON array of <c>{name, context, factor}</c>.</summary>
    [VectorStoreData]
    public string FeaturesJson { get; set; } = "[]";

    /// <summary>The text whose embedding is <see cref="ReasoningRecordEntity.Embedding"/>.</summary>
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

    /// <summary>The embedding model that produced <see cref="ReasoningRecordEntity.Embedding"/>.</summary>
    [VectorStoreData]
    public string EmbeddingModel { get; set; } = "";

    /// <summary>The length of <see cref="ReasoningRecordEntity.Embedding"/>, so a reader can tell which model dimension built the record without reading the vector.</summary>
    [VectorStoreData]
    public int EmbeddingDimensions { get; set; }

    /// <summary>When the record was built.</summary>
    [VectorStoreData]
    public DateTimeOffset CreatedAt { get; set; }
}
