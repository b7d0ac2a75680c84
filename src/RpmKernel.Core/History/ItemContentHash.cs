using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RpmKernel.Core.History;

/// <summary>
/// The content hash of a history item: what a store keeps beside each record so an ingest can tell
/// an unchanged item from a changed one by reading ids and hashes only, not the stored texts.
/// </summary>
public static class ItemContentHash
{
    /// <summary>The hash of <paramref name="query"/> and <paramref name="answer"/>: 32 lower-case hex digits (the first 128 bits of SHA-256).</summary>
    /// <param name="query">The item's query.</param>
    /// <param name="answer">The item's answer.</param>
    public static string Of(string query, string answer)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(answer);

        // The query's length in front keeps ("ab", "c") and ("a", "bc") apart whatever the texts hold.
        var bytes = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{query.Length}:{query}{answer}"));
        return Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));
    }

    /// <summary>The hash of <paramref name="item"/>'s query and answer.</summary>
    /// <param name="item">The history item.</param>
    public static string Of(HistoryItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Of(item.Query, item.Answer);
    }
}
