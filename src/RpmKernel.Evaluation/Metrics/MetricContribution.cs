using RpmKernel.Core.Tasks;

namespace RpmKernel.Evaluation.Metrics;

/// <summary>
/// A task metric split into what each target contributes: <see cref="Of"/> gives a target's vector of
/// sums, and <see cref="Value"/> turns the vectors summed over any set of targets into the metric, equal
/// to <see cref="TaskMetrics.Compute"/> over those targets. Resampling users for an interval then only adds vectors.
/// </summary>
internal sealed record MetricContribution(string Name, bool HigherIsBetter, int Width, Func<string, string, double[]> Of, Func<double[], double> Value)
{
    /// <summary>The contributions of every metric of the task, in <see cref="TaskMetrics.Names"/> order.</summary>
    public static IReadOnlyList<MetricContribution> For(TaskProfile task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind switch
        {
            TaskKind.Classification => [LabelAccuracy(task.Labels), MacroF1(task.Labels)],
            TaskKind.Rating =>
            [
                new("mae", false, 2, (g, p) => [Math.Abs(Error(g, p)), 1], s => Mean(s)),
                new("rmse", false, 2, (g, p) => [Error(g, p) * Error(g, p), 1], s => Math.Sqrt(Mean(s))),
            ],
            TaskKind.Generation =>
            [
                new("rouge-1", true, 2, (g, p) => [RougeScorer.Rouge1(g.Trim(), p.Trim()), 1], Mean),
                new("rouge-L", true, 2, (g, p) => [RougeScorer.RougeL(g.Trim(), p.Trim()), 1], Mean),
            ],
            _ => [new("accuracy", true, 2, (g, p) => [string.Equals(g.Trim(), p.Trim(), StringComparison.Ordinal) ? 1 : 0, 1], Mean)],
        };
    }

    /// <summary>The sum of the contributions of aligned golds and predictions.</summary>
    public double[] Sum(IEnumerable<(string Gold, string Prediction)> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var sum = new double[Width];
        foreach (var (gold, prediction) in targets)
        {
            var part = Of(gold, prediction);
            for (var i = 0; i < Width; i++)
            {
                sum[i] += part[i];
            }
        }

        return sum;
    }

    private static double Mean(double[] sums) => sums[1] == 0 ? 0 : sums[0] / sums[1];

    private static MetricContribution LabelAccuracy(IReadOnlyList<string> labels) =>
        new("accuracy", true, 2, (g, p) => [LampMetrics.IndexOf(labels, g) == LampMetrics.IndexOf(labels, p) ? 1 : 0, 1], Mean);

    // Per label: true positives, false positives, false negatives.
    private static MetricContribution MacroF1(IReadOnlyList<string> labels) => new("f1", true, 3 * labels.Count, (g, p) =>
    {
        var part = new double[3 * labels.Count];
        int gold = LampMetrics.IndexOf(labels, g), predicted = LampMetrics.IndexOf(labels, p);
        if (gold >= 0 && gold == predicted)
        {
            part[3 * gold] = 1;
            return part;
        }

        if (predicted >= 0)
        {
            part[(3 * predicted) + 1] = 1;
        }

        if (gold >= 0)
        {
            part[(3 * gold) + 2] = 1;
        }

        return part;
    }, s =>
    {
        if (labels.Count == 0)
        {
            return 0;
        }

        var f1 = 0.0;
        for (var l = 0; l < labels.Count; l++)
        {
            var denominator = (2 * s[3 * l]) + s[(3 * l) + 1] + s[(3 * l) + 2];
            f1 += denominator == 0 ? 0 : 2 * s[3 * l] / denominator;
        }

        return f1 / labels.Count;
    });

    // As LampMetrics.Rating: an unparsable prediction becomes whichever of 1 or 5 is farther from the gold.
    private static double Error(string gold, string prediction)
    {
        var g = LampMetrics.ParseNumber(gold) ?? throw new FormatException($"Gold output '{gold}' is not a number; LaMP-3 golds are scores 1 to 5.");
        var p = LampMetrics.PredictedScore(prediction, g);
        return p - g;
    }
}
