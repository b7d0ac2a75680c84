using RpmKernel.Core.Answers;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Factors;

/// <summary>How discrete tasks (classification, rating, opinion) read an answer as a label for their statistics.</summary>
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
}
