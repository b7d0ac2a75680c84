using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// A narrow view of the reasoning table: the owner, item id and content hash of each record and
/// nothing else, so counting a user's items or telling changed ones from unchanged ones reads a few
/// bytes per record instead of its texts and vector.
/// </summary>
internal sealed class ReasoningItemIdEntity : UserScopedEntity
{
    /// <summary>The history item id.</summary>
    [VectorStoreData]
    public string ItemId { get; set; } = "";

    /// <summary>The content hash of the query and answer; empty in records written before it was stored.</summary>
    [VectorStoreData]
    public string ContentHash { get; set; } = "";
}
