namespace RpmKernel.Core.Features;

/// <summary>
/// Composes the feature text of a query: the text whose embedding feature-based retrieval compares
/// (DESIGN.md §1.5 and §1.7).
/// </summary>
public static class FeatureText
{
    /// <summary>The separator between the features of one query.</summary>
    public const string Separator = "; ";

    /// <summary>
    /// Joins <c>name: context</c> of each feature with <see cref="Separator"/>. Both parts are trimmed;
    /// a feature whose name and context are both empty is skipped, and a feature with only one of
    /// them contributes that part alone, so the text never carries a dangling <c>:</c>.
    /// </summary>
    /// <param name="features">The features, in the order they were extracted.</param>
    /// <returns>The feature text; empty when no feature has a name or a context.</returns>
    public static string Compose(IReadOnlyList<Feature> features)
    {
        ArgumentNullException.ThrowIfNull(features);

        var parts = new List<string>(features.Count);
        foreach (var feature in features)
        {
            // Features come from model output, so a null entry or null part is treated as empty.
            var name = feature?.Name?.Trim() ?? "";
            var context = feature?.Context?.Trim() ?? "";
            if (name.Length == 0 && context.Length == 0)
            {
                continue;
            }

            parts.Add(name.Length == 0 ? context : context.Length == 0 ? name : $"{name}: {context}");
        }

        return string.Join(Separator, parts);
    }
}
