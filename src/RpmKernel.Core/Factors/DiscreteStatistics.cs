using RpmKernel.Core.Answers;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Factors;

/// <summary>The statistics of discrete tasks (classification, rating, opinion): propensity and mean score.</summary>
internal static class DiscreteStatistics
{
    /// <summary>
    /// The label an answer counts as: trimmed; a classification answer takes the profile's spelling
    /// of its label; a rating answer that is an integer ("4.0") takes its canonical digits ("4").
    /// Null for an empty answer, which is no label at all.
    /// </summary>
    public static string? Label(TaskProfile profile, string? answer)
    {
        var trimmed = answer?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return null;
        }

        return profile.Kind switch
        {
            TaskKind.Classification => LabelMatcher.FindCanonical(profile.Labels, trimmed) ?? trimmed,
            TaskKind.Rating when ScoreText.TryParse(trimmed, out var score) => ScoreText.Format(score),
            _ => trimmed,
        };
    }

    /// <summary>
    /// <c>Propensity(y, F) = |{i in A_F: a_i = y}| / n_F</c> for each label observed in <c>A_F</c>.
    /// Labels are grouped ignoring case (reported with their first spelling) and listed by share,
    /// highest first, then by label, so the order is stable for prompts and reports.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Propensity(IReadOnlyList<string?> labels, IReadOnlyList<bool> inFactor, int evidence)
    {
        var counts = new Dictionary<string, (string Label, int Count)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!inFactor[i] || labels[i] is not { } label)
            {
                continue;
            }

            counts[label] = counts.TryGetValue(label, out var seen) ? (seen.Label, seen.Count + 1) : (label, 1);
        }

        var propensity = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, count) in counts.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal))
        {
            propensity[label] = (double)count / evidence;
        }

        return propensity;
    }

    /// <summary>The mean of the scores of the selected items that have one; null when none has.</summary>
    public static double? MeanScore(IReadOnlyList<int?> scores, IReadOnlyList<bool>? selected = null)
    {
        long sum = 0;
        var count = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if ((selected is null || selected[i]) && scores[i] is { } score)
            {
                sum += score;
                count++;
            }
        }

        return count == 0 ? null : (double)sum / count;
    }
}
