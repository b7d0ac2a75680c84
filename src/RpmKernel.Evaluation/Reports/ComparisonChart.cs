using ScottPlot;

namespace RpmKernel.Evaluation.Reports;

/// <summary>Draws <c>comparison.png</c>: per comparison, the delta of the task's first metric with its 95 % interval, against a line at zero (ScottPlot).</summary>
internal static class ComparisonChart
{
    public static void Save(EvalReport report, string path)
    {
        var comparisons = report.Comparison?.Where(c => c.Metrics.Count > 0).ToList() ?? [];
        using var plot = new Plot();
        for (var i = 0; i < comparisons.Count; i++)
        {
            var metric = comparisons[i].Metrics[0];
            var y = comparisons.Count - 1 - i;
            var interval = plot.Add.Line(metric.Ci95[0], y, metric.Ci95[1], y);
            interval.LineWidth = 3;
            interval.Color = metric.SpansZero ? Colors.Gray : Colors.SteelBlue;
            var marker = plot.Add.Marker(metric.Delta, y);
            marker.Color = interval.Color;
            marker.Size = 10;
        }

        plot.Add.VerticalLine(0).Color = Colors.Black;
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, comparisons.Count).Select(i => (double)(comparisons.Count - 1 - i)).ToArray(),
            comparisons.Select(c => $"{c.Stage ?? "model"} {c.A}→{c.B} ({c.Method})").ToArray());
        plot.Axes.Left.MinimumSize = 220;
        var name = report.MetricNames.Count > 0 ? report.MetricNames[0] : "no metric";
        plot.Title($"{report.Task}: delta of {name} (B − A) with 95% CI, {report.Users} users");
        plot.XLabel(name is "mae" or "rmse" ? $"{name} delta (lower is better)" : $"{name} delta");
        plot.SavePng(path, 900, Math.Max(300, 120 + (60 * comparisons.Count)));
    }
}
