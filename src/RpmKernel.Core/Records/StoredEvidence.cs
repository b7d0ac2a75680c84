using RpmKernel.Core.Features;

namespace RpmKernel.Core.Records;

/// <summary>
/// What the factor statistics and clustering need of one stored record: its item id, answer and
/// features, without the query, reasoning or embedding, so an ingest into a long history reads a
/// few columns per record instead of whole records.
/// </summary>
/// <param name="ItemId">The history item id.</param>
/// <param name="Answer">The user's answer.</param>
/// <param name="Features">The item's extracted features.</param>
/// <param name="CreatedAt">When the record was built.</param>
public sealed record StoredEvidence(string ItemId, string Answer, IReadOnlyList<Feature> Features, DateTimeOffset CreatedAt);
