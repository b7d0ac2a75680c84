using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// A narrow view of the reasoning table: the owner and item id of each record and nothing else, so
/// counting or listing a user's items reads a few bytes per record instead of its texts and vector.
/// </summary>
internal sealed class ReasoningItemIdEntity : UserScopedEntity
{
    /// <summary>The history item id.</summary>
    [VectorStoreData]
    public string ItemId { get; set; } = "";
}
