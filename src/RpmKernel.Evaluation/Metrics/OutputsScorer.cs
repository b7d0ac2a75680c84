using System.Globalization;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Datasets;

namespace RpmKernel.Evaluation.Metrics;

/// <summary>Scores official-format predictions against official-format golds, example by example id.</summary>
public static class OutputsScorer
{
    private const int IdsShown = 5;

    /// <summary>
    /// Pairs predictions with golds by id and computes the task's metrics. The two files must hold
    /// exactly the same ids; otherwise an <see cref="RpmInputException"/> lists the missing and extra ones.
    /// </summary>
    public static ScoreResult Score(TaskProfile task, OfficialOutputs golds, OfficialOutputs predictions)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(golds);
        ArgumentNullException.ThrowIfNull(predictions);
        var predicted = predictions.Golds.ToDictionary(p => p.Id, p => p.Output, StringComparer.Ordinal);
        var missing = golds.Golds.Where(g => !predicted.ContainsKey(g.Id)).Select(g => g.Id).ToList();
        var goldIds = golds.Golds.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var extra = predictions.Golds.Where(p => !goldIds.Contains(p.Id)).Select(p => p.Id).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{missing.Count} gold id(s) have no prediction ({Sample(missing)})"));
            }

            if (extra.Count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{extra.Count} prediction id(s) are not in the golds ({Sample(extra)})"));
            }

            throw new RpmInputException(
                $"The predictions and golds hold different ids: {string.Join("; ", parts)}. Score predictions made for exactly the examples of the golds file.");
        }

        var goldOutputs = golds.Golds.Select(g => g.Output).ToList();
        var predictedOutputs = golds.Golds.Select(g => predicted[g.Id]).ToList();
        try
        {
            return new ScoreResult(task.Name, goldOutputs.Count, TaskMetrics.Compute(task, goldOutputs, predictedOutputs));
        }
        catch (FormatException ex)
        {
            throw new RpmInputException($"The golds do not fit task '{task.Name}': {ex.Message}", ex);
        }
    }

    private static string Sample(List<string> ids) =>
        string.Join(", ", ids.Take(IdsShown)) + (ids.Count > IdsShown ? ", ..." : "");
}
