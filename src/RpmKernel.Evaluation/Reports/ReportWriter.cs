using System.Globalization;
using System.Text;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Evaluation.Reports;

/// <summary>Writes <c>report.json</c>, <c>report.md</c> and <c>chart.png</c> into the output folder.</summary>
public static class ReportWriter
{
    /// <summary>Writes the three files.</summary>
    public static async Task WriteAsync(EvalReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), RpmJson.Serialize(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(report), cancellationToken).ConfigureAwait(false);
        ReportChart.Save(report, Path.Combine(directory, "chart.png"));
        if (report.Comparison is not null)
        {
            ComparisonChart.Save(report, Path.Combine(directory, "comparison.png"));
        }
    }

    /// <summary>The report as Markdown: the run, one table row per method, the preprocessing and the paper's reference costs.</summary>
    public static string Markdown(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Evaluation: {report.Task}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Data `{report.Questions}`, {report.Users} users, {report.Queries} queries, seed {report.Seed}, model `{report.Model}`, K = {report.TopK}.")
            .AppendLine();
        if (report.MetricNames.Count == 0)
        {
            md.AppendLine("No golds were given (LaMP without `--outputs`), so predictions are not scored; score them later with `rpmk score`.").AppendLine();
        }

        md.Append("| method |");
        foreach (var metric in report.MetricNames)
        {
            md.Append(CultureInfo.InvariantCulture, $" {metric} |");
        }

        md.AppendLine(" answered | failed | calls/query | input tokens | output tokens | $/user (preprocessing) | $/query (inference) |");
        md.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", report.MetricNames.Count + 7))).AppendLine();
        foreach (var row in report.Methods)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {row.Method} |");
            foreach (var metric in report.MetricNames)
            {
                md.Append(CultureInfo.InvariantCulture, $" {row.Metrics.GetValueOrDefault(metric):0.0000} |");
            }

            md.AppendLine(CultureInfo.InvariantCulture,
                $" {row.Predictions} | {row.Failed} | {row.CallsPerQuery:0.00} | {row.InputTokens} | {row.OutputTokens} | {Usd(row.CostPerUserUsd)} | {Usd(row.CostPerQueryUsd)} |");
        }

        md.Append("| *paper: RPM, gpt-4o-mini* |").Append(string.Concat(Enumerable.Repeat(" |", report.MetricNames.Count + 5)))
            .AppendLine(CultureInfo.InvariantCulture, $" {Usd(EvalReport.PaperCostPerUserUsd)} | {Usd(EvalReport.PaperCostPerQueryUsd)} |");
        var p = report.Preprocessing;
        md.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Preprocessing (RPM ingest, shared by every rpm method): {p.Users} users, {p.Items} items stored, {p.FailedItems} failed, {p.Calls} calls, {p.InputTokens} input and {p.OutputTokens} output tokens.")
            .AppendLine()
            .AppendLine(CostBasis(report))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Reference: {report.Reference}");
        var failures = report.Methods.Where(m => m.FirstError is not null).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine().AppendLine("First failure per method (failed queries are scored as empty answers; rerun to retry them):").AppendLine();
            foreach (var row in failures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {row.Method}: {row.FirstError!.ReplaceLineEndings(" ")}");
            }
        }

        md.AppendLine().AppendLine("![chart](chart.png)").AppendLine();
        ComparisonMarkdown.AppendVariants(md, report);
        ComparisonMarkdown.AppendComparison(md, report);
        ComparisonMarkdown.AppendGate(md, report);
        return md.ToString().TrimEnd() + Environment.NewLine;
    }

    // One model: one price line as before; per-stage models: each phase at its own model's price.
    private static string CostBasis(EvalReport report)
    {
        static string At(RpmModelPrice price) => string.Create(CultureInfo.InvariantCulture, $"${price.InputPerMillion}/M input and ${price.OutputPerMillion}/M output tokens");
        if (string.IsNullOrEmpty(report.IngestModel) || report.IngestModel == report.ServeModel)
        {
            return report.Price is { } price ? $"Costs are estimates at {At(price)}." : "The model's price is unknown, so costs are not estimated.";
        }

        var ingest = report.IngestPrice is { } ip ? At(ip) : "an unknown price (not estimated)";
        var serve = report.Price is { } sp ? At(sp) : "an unknown price (not estimated)";
        return $"Costs are estimates: preprocessing on `{report.IngestModel}` at {ingest}; queries on `{report.ServeModel}` at {serve}.";
    }

    private static string Usd(double? value) => value is { } v ? v.ToString("$0.000000", CultureInfo.InvariantCulture) : "n/a";
}
