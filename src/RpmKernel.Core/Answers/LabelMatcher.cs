namespace RpmKernel.Core.Answers;

/// <summary>
/// Matches an answer to a classification profile's labels case-insensitively, so "Sci-Fi" and
/// "sci-fi" count as the same answer and are always reported with the profile's spelling.
/// </summary>
internal static class LabelMatcher
{
    /// <summary>Returns the canonical label equal to <paramref name="value"/> ignoring case and outer spaces, or null.</summary>
    public static string? FindCanonical(IReadOnlyList<string> labels, string value)
    {
        var trimmed = value.Trim();
        foreach (var label in labels)
        {
            if (string.Equals(label.Trim(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return label;
            }
        }

        return null;
    }
}
