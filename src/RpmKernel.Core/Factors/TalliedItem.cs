using RpmKernel.Core.Features;

namespace RpmKernel.Core.Factors;

/// <summary>What a <see cref="FactorTally"/> counts of one history item.</summary>
/// <param name="ItemId">The history item id.</param>
/// <param name="ContentHash">The item's content hash (<see cref="History.ItemContentHash"/>), for the tally's fingerprint.</param>
/// <param name="Answer">The user's answer.</param>
/// <param name="Features">The item's extracted features; null or empty for an item without features.</param>
internal readonly record struct TalliedItem(string ItemId, string ContentHash, string? Answer, IReadOnlyList<Feature>? Features);
