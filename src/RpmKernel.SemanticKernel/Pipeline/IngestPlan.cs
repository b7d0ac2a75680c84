using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// What an ingest has to do given what is already stored, decided from the stored items' ids and
/// content hashes alone: items stored with the same query and answer are reused (no model call),
/// the others are fresh. Batches are cut from the whole input in its order, so a rerun after a crash
/// sends the very batches of the first run and the response cache answers the ones that completed.
/// The reused items' answers and features come later, from a narrow read (<see cref="StoredEvidence"/>).
/// </summary>
internal sealed class IngestPlan
{
    private readonly IReadOnlyList<HistoryItem> _items;
    private readonly StoredItems _stored;
    private readonly HashSet<string> _reused;
    private readonly int _reusedUnlisted;
    private readonly Dictionary<HistoryItem[], HistoryItem[]> _partialChunks = new(ReferenceEqualityComparer.Instance);

    private IngestPlan(IReadOnlyList<HistoryItem> items, StoredItems stored, int batchSize)
    {
        _items = items;
        _stored = stored;
        var storedHashes = stored.Hashes;
        var inputIds = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        // Records of earlier ingests that this input does not repeat still describe the user: listed by id when every
        // stored record was read, else only counted (the input's stored ones were looked up by key).
        _reused = items.Where(i => storedHashes.TryGetValue(i.Id, out var hash) && hash == ItemContentHash.Of(i))
            .Select(i => i.Id)
            .Concat(stored.Complete ? storedHashes.Keys.Where(id => !inputIds.Contains(id)) : [])
            .ToHashSet(StringComparer.Ordinal);
        _reusedUnlisted = stored.Complete ? 0 : stored.Count - inputIds.Count(storedHashes.ContainsKey);
        Replaced = items.Count(i => storedHashes.ContainsKey(i.Id) && !_reused.Contains(i.Id));
        var batches = new List<HistoryItem[]>();
        foreach (var chunk in items.Chunk(batchSize))
        {
            var batch = chunk.Where(i => !_reused.Contains(i.Id)).ToArray();
            if (batch.Length > 0)
            {
                batches.Add(batch);
            }

            if (batch.Length > 0 && batch.Length < chunk.Length)
            {
                _partialChunks[batch] = chunk;
            }
        }

        Batches = batches;
    }

    /// <summary>The fresh items in batches; each batch is a chunk of the input minus its reused items.</summary>
    public IReadOnlyList<HistoryItem[]> Batches { get; }

    /// <summary>How many stored records are reused without a model call.</summary>
    public int ReusedCount => _reused.Count + _reusedUnlisted;

    /// <summary>How many fresh items replace a stored record of the same id (their query or answer changed).</summary>
    public int Replaced { get; }

    /// <summary>How many items are fresh (asked of the model).</summary>
    public int FreshCount => Batches.Sum(b => b.Length);

    /// <summary>
    /// Whether the statistics can be updated from <paramref name="tally"/>, the counts of the stored records, instead of
    /// reading every record: it describes the stored records exactly (saved at the store's current write version, or
    /// matching every stored id and content hash), there are fresh items, none replaces a stored record (whose old
    /// counts only a read would give), and they are at most as many as the stored ones (a history that more than
    /// doubles is clustered again from every item). When not, and not every stored record was read, the caller reads
    /// them all (<see cref="UserWriteScope.ReadAllStoredAsync"/>) and plans again.
    /// </summary>
    public bool CanUpdate(TaskProfile task, FactorTally? tally) =>
        tally is not null && FreshCount > 0 && Replaced == 0 && FreshCount <= _stored.Count
        && (_stored.Complete ? tally.Describes(task, _stored.Hashes) : tally.Items == _stored.Count);

    /// <summary>Whether the stored record of <paramref name="itemId"/> is reused (of the stored ones not in the input, listed only when every stored record was read).</summary>
    public bool IsReused(string itemId) => _reused.Contains(itemId);

    public static IngestPlan Create(IReadOnlyList<HistoryItem> items, StoredItems stored, int batchSize) =>
        new(items, stored, Math.Max(1, batchSize));

    /// <summary>
    /// The whole input chunk <paramref name="batch"/> was cut from when some of its items are reused,
    /// else null: its answer may still be in the response cache from a run that crashed after storing them.
    /// </summary>
    public HistoryItem[]? ChunkOf(HistoryItem[] batch) => _partialChunks.GetValueOrDefault(batch);

    /// <summary>
    /// Every item the user model rests on, in a stable order: the input's, then the stored items the
    /// input does not repeat, by id (from <paramref name="evidence"/>, without their queries, which
    /// neither clustering nor the statistics read).
    /// </summary>
    public IReadOnlyList<HistoryItem> All(IReadOnlyList<StoredEvidence> evidence)
    {
        var inputIds = _items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        return [.. _items, .. evidence.Where(e => _reused.Contains(e.ItemId) && !inputIds.Contains(e.ItemId)).Select(e => new HistoryItem(e.ItemId, "", e.Answer))];
    }

    /// <summary>The stored features of the reused items, from <paramref name="evidence"/>.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<Feature>>> ReusedFeatures(IReadOnlyList<StoredEvidence> evidence) =>
        evidence.Where(e => _reused.Contains(e.ItemId)).Select(e => new KeyValuePair<string, IReadOnlyList<Feature>>(e.ItemId, e.Features));
}
