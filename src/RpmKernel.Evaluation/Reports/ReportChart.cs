using ScottPlot;

namespace RpmKernel.Evaluation.Reports;

/// <summary>Draws the report's chart: the task's primary metric per method, as a bar chart PNG (ScottPlot).</summary>
public static class ReportChart
{
    /// <summary>Writes the chart of <paramref name="report"/> to <paramref name="path"/>; methods without a value are left out.</summary>
    public static void Save(EvalReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var metric = report.MetricNames.Count > 0 ? report.MetricNames[0] : null;
        var rows = report.Methods.Where(m => metric is not null && m.Metrics.ContainsKey(metric)).ToList();
        using var plot = new Plot();
        for (var i = 0; i < rows.Count; i++)
        {
            var bar = plot.Add.Bar(position: i, value: rows[i].Metrics[metric!]);
            bar.Color = rows[i].Method.StartsWith("rpm", StringComparison.Ordinal) ? Colors.SteelBlue : Colors.Gray;
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Method).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Margins(bottom: 0);
        plot.Title(metric is null ? $"{report.Task}: no golds, no metric" : $"{report.Task}: {metric} by method ({report.Users} users, {report.Queries} queries)");
        plot.YLabel(metric ?? "");
        plot.SavePng(path, 900, 500);
    }
}
