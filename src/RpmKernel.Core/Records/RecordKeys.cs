namespace RpmKernel.Core.Records;

/// <summary>
/// Deterministic storage keys, so a rerun of ingest overwrites the same record instead of adding
/// a copy, and any process can address a user's data without a lookup. Keys are RFC 4122
/// version-5 GUIDs over a fixed namespace and an unambiguous encoding of the parts (each part
/// length-prefixed, after a tag that keeps record keys and user-model keys apart), so
/// <c>("a", "bc", "d")</c> and <c>("ab", "c", "d")</c> never share a key. Ids are compared
/// exactly (ordinal, case-sensitive).
/// </summary>
public static class RecordKeys
{
    /// <summary>The namespace of every RpmKernel key. Changing it orphans every stored record.</summary>
    public static readonly Guid Namespace = new("bdf57159-e730-48fe-911d-79c7c6db83d7");

    private const string ItemTag = "rpm/item";
    private const string UserModelTag = "rpm/user-model";
    private const string CacheTag = "rpm/cache";

    /// <summary>The key of the reasoning record of one history item.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="task">The task profile name.</param>
    /// <param name="itemId">The history item id.</param>
    public static Guid ForItem(string userId, string task, string itemId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return NameBasedGuid.Create(Namespace, NameBasedGuid.EncodeParts(ItemTag, userId, task, itemId));
    }

    /// <summary>The key of a user's model for one task.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="task">The task profile name.</param>
    public static Guid ForUserModel(string userId, string task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        return NameBasedGuid.Create(Namespace, NameBasedGuid.EncodeParts(UserModelTag, userId, task));
    }

    /// <summary>The key of a cached model response of one user.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="hash">The content hash of the request.</param>
    public static Guid ForCacheEntry(string userId, string hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        return NameBasedGuid.Create(Namespace, NameBasedGuid.EncodeParts(CacheTag, userId, hash));
    }
}
