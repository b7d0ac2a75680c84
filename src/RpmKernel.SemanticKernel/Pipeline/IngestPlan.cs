using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// What an ingest has to do given what is already stored: items stored with the same query and
/// answer are reused (no model call), the others are fresh. Batches are cut from the whole input in
/// its order, so a rerun after a crash sends the very batches of the first run and the response
/// cache answers the ones that completed.
/// </summary>
internal sealed class IngestPlan
{
    private readonly Dictionary<string, ReasoningRecord> _reused;
    private readonly Dictionary<HistoryItem[], HistoryItem[]> _partialChunks = new(ReferenceEqualityComparer.Instance);

    private IngestPlan(IReadOnlyList<HistoryItem> items, IReadOnlyList<ReasoningRecord> stored, int batchSize)
    {
        var byId = stored.ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        var inputIds = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        // Records of earlier ingests that this input does not repeat still describe the user.
        var earlier = stored.Where(r => !inputIds.Contains(r.ItemId)).ToList();
        _reused = items.Where(i => byId.TryGetValue(i.Id, out var r) && r.Query == i.Query && r.Answer == i.Answer)
            .Select(i => byId[i.Id])
            .Concat(earlier)
            .ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        var batches = new List<HistoryItem[]>();
        foreach (var chunk in items.Chunk(batchSize))
        {
            var batch = chunk.Where(i => !_reused.ContainsKey(i.Id)).ToArray();
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

        // Every item in a stable order: the input's, then earlier items by id.
        All = items.Concat(earlier.OrderBy(r => r.ItemId, StringComparer.Ordinal).Select(r => new HistoryItem(r.ItemId, r.Query, r.Answer)))
            .ToList();
    }

    /// <summary>The fresh items in batches; each batch is a chunk of the input minus its reused items.</summary>
    public IReadOnlyList<HistoryItem[]> Batches { get; }

    /// <summary>Every item the user model rests on: the input, then stored items the input does not repeat.</summary>
    public IReadOnlyList<HistoryItem> All { get; }

    /// <summary>How many stored records are reused without a model call.</summary>
    public int ReusedCount => _reused.Count;

    public static IngestPlan Create(IReadOnlyList<HistoryItem> items, IReadOnlyList<ReasoningRecord> stored, int batchSize) =>
        new(items, stored, Math.Max(1, batchSize));

    /// <summary>
    /// The whole input chunk <paramref name="batch"/> was cut from when some of its items are reused,
    /// else null: its answer may still be in the response cache from a run that crashed after storing them.
    /// </summary>
    public HistoryItem[]? ChunkOf(HistoryItem[] batch) => _partialChunks.GetValueOrDefault(batch);

    /// <summary>The stored features of the reused items.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<Feature>>> ReusedFeatures =>
        _reused.Values.Select(r => new KeyValuePair<string, IReadOnlyList<Feature>>(r.ItemId, r.Features));
}
