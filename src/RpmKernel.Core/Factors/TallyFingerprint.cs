namespace RpmKernel.Core.Factors;

/// <summary>
/// An order-free fingerprint of a set of (item id, content hash) pairs: the sum of a 64-bit hash of
/// each pair, so adding or removing an item adds or subtracts its hash. A tally whose fingerprint and
/// item count match the store's ids and content hashes was counted over exactly the stored items.
/// </summary>
internal static class TallyFingerprint
{
    /// <summary>The fingerprint of every pair of <paramref name="contentHashes"/> (item id → content hash).</summary>
    public static ulong Of(IReadOnlyDictionary<string, string> contentHashes)
    {
        ulong sum = 0;
        foreach (var (itemId, hash) in contentHashes)
        {
            sum = unchecked(sum + Of(itemId, hash));
        }

        return sum;
    }

    /// <summary>The hash of one pair: FNV-1a over both strings, then a 64-bit finalizer so sums of hashes rarely collide.</summary>
    public static ulong Of(string itemId, string contentHash)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in itemId)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        hash = unchecked((hash ^ 0xFFFF) * 1099511628211UL);
        foreach (var c in contentHash)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        // SplitMix64's finalizer.
        hash = unchecked((hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL);
        hash = unchecked((hash ^ (hash >> 27)) * 0x94D049BB133111EBUL);
        return hash ^ (hash >> 31);
    }
}
