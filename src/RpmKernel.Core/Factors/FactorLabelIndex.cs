namespace RpmKernel.Core.Factors;

/// <summary>
/// Which factors a proposed label maps to: a label maps to every factor whose name or one of whose
/// members it equals, ignoring case and outer spaces (the one matching rule of the statistics).
/// </summary>
internal static class FactorLabelIndex
{
    /// <summary>The factor indexes of every label that names a factor or is one of its members.</summary>
    public static Dictionary<string, List<int>> Build(IReadOnlyList<Factor> factors) =>
        Build(factors.Count, f => [factors[f].Name, .. factors[f].Members ?? []]);

    /// <summary>The same index over <paramref name="count"/> factors whose labels <paramref name="labelsOf"/> lists.</summary>
    public static Dictionary<string, List<int>> Build(int count, Func<int, IEnumerable<string?>> labelsOf)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var f = 0; f < count; f++)
        {
            foreach (var label in labelsOf(f))
            {
                var key = label?.Trim();
                if (string.IsNullOrEmpty(key))
                {
                    continue;
                }

                if (!index.TryGetValue(key, out var factorIndexes))
                {
                    index[key] = factorIndexes = [];
                }

                // A factor listing its own name among its members must not count a feature twice.
                if (!factorIndexes.Contains(f))
                {
                    factorIndexes.Add(f);
                }
            }
        }

        return index;
    }
}
