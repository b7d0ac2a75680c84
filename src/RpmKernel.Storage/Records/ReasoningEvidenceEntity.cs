using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// A narrow view of the reasoning table: what clustering and the factor statistics read of each
/// record (item id, answer, features, time built), without the query, reasoning or vector.
/// </summary>
internal sealed class ReasoningEvidenceEntity : UserScopedEntity
{
    /// <summary>The history item id.</summary>
    [VectorStoreData]
    public string ItemId { get; set; } = "";

    /// <summary>The user's answer.</summary>
    [VectorStoreData]
    public string Answer { get; set; } = "";

    /// <summary>The features as a camelCase JSON array of <c>{name, context, factor}</c>.</summary>
    [VectorStoreData]
    public string FeaturesJson { get; set; } = "[]";

    /// <summary>When the record was built.</summary>
    [VectorStoreData]
    public DateTimeOffset CreatedAt { get; set; }
}
