namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// What a writer knows of a user's stored records before any model call. <see cref="Complete"/>: the ids and
/// content hashes of every stored record (a read that grows with the history). Otherwise the counts kept with
/// the user model were saved at the store's current write version, so they describe the stored records as they
/// are, and only the incoming items were looked up by key: <see cref="Hashes"/> holds those of them that are stored.
/// </summary>
internal sealed class StoredItems
{
    private StoredItems(IReadOnlyDictionary<string, string> hashes, bool complete, int count, string? probeId)
    {
        Hashes = hashes;
        Complete = complete;
        Count = count;
        ProbeId = probeId;
    }

    /// <summary>Content hashes by item id: of every stored record when <see cref="Complete"/>, else of the stored ones among the incoming items.</summary>
    public IReadOnlyDictionary<string, string> Hashes { get; }

    /// <summary>Whether <see cref="Hashes"/> holds every stored record.</summary>
    public bool Complete { get; }

    /// <summary>How many records are stored for the user and task.</summary>
    public int Count { get; }

    /// <summary>The id of one stored record (for the embedding-space check), or null when none is stored.</summary>
    public string? ProbeId { get; }

    /// <summary>Every stored record's id and content hash.</summary>
    public static StoredItems All(IReadOnlyDictionary<string, string> hashes) => new(hashes, complete: true, hashes.Count, hashes.Keys.FirstOrDefault());

    /// <summary>The incoming items' stored hashes, beside the count of the records the trusted counts describe.</summary>
    public static StoredItems Looked(IReadOnlyDictionary<string, string> hashes, int count, string? probeId) => new(hashes, complete: false, count, probeId);
}
