using System.Text;
using RpmKernel.Core.History;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>
/// The seeded history/target split of datasets without one (GlobalOpinionQA, user JSONL): a user's
/// items are ordered by the FNV-1a hash of <c>seed</c>, user id and item id, and the first
/// <see cref="TargetShare"/> of them (at least one, never all) become targets. The same seed and
/// data always give the same split, on any machine and .NET version.
/// </summary>
public static class UserSplit
{
    /// <summary>The share of a user's items held out as targets.</summary>
    public const double TargetShare = 0.2;

    /// <summary>Splits one user's items; a user with fewer than two items gets no targets.</summary>
    public static (IReadOnlyList<HistoryItem> History, IReadOnlyList<HistoryItem> Targets) Split(string userId, IReadOnlyList<HistoryItem> items, int seed)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count < 2)
        {
            return (items, []);
        }

        var ordered = items.OrderBy(i => Hash($"{seed}\n{userId}\n{i.Id}")).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var targetCount = Math.Clamp((int)Math.Ceiling(items.Count * TargetShare), 1, items.Count - 1);
        var targets = ordered.Take(targetCount).ToHashSet();

        // Both halves keep the file order, so a history reads as it was written.
        return (items.Where(i => !targets.Contains(i)).ToList(), items.Where(targets.Contains).ToList());
    }

    /// <summary>64-bit FNV-1a of the UTF-8 bytes.</summary>
    internal static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
