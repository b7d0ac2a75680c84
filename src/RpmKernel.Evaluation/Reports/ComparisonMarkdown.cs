using System.Globalization;
using System.Text;
using RpmKernel.Evaluation.Gates;

namespace RpmKernel.Evaluation.Reports;

/// <summary>The comparison and gate sections of <c>report.md</c>.</summary>
internal static class ComparisonMarkdown
{
    public static void AppendVariants(StringBuilder md, EvalReport report)
    {
        if (report.Variants is not { } variants)
        {
            return;
        }

        var metric = report.MetricNames.Count > 0 ? report.MetricNames[0] : null;
        md.AppendLine("## Variants").AppendLine()
            .AppendLine("The same users, split and targets for every variant; the table above is the first one's. Variants with the same ingest store shared one ingest.").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| variant | model | ingest store | method |{(metric is null ? "" : $" {metric} |")} answered | tokens/query |")
            .AppendLine(metric is null ? "|---|---|---|---|---:|---:|" : "|---|---|---|---|---:|---:|---:|");
        foreach (var variant in variants)
        {
            foreach (var row in variant.Methods)
            {
                var value = metric is null ? "" : F($" {row.Metrics.GetValueOrDefault(metric):0.0000} |");
                var tokens = row.Predictions == 0 ? 0 : (double)(row.InputTokens + row.OutputTokens) / row.Predictions;
                md.AppendLine(F($"| {variant.Name} | `{variant.Model}` | `{variant.IngestStore}` | {row.Method} |{value} {row.Predictions} | {tokens:0} |"));
            }
        }

        md.AppendLine();
    }

    public static void AppendComparison(StringBuilder md, EvalReport report)
    {
        if (report.Comparison is not { } comparisons)
        {
            return;
        }

        md.AppendLine("## Comparison").AppendLine()
            .AppendLine("Delta is B − A. The interval is a 95 % paired bootstrap over users, p a paired permutation test; a difference whose interval spans zero is no detectable difference. Wins, losses and ties count users on the first metric.").AppendLine();
        foreach (var c in comparisons)
        {
            var what = c.Stage is { } stage ? $"`{stage}` {c.A} → {c.B}" : $"model `{c.A}` → `{c.B}`";
            var with = c.With is { } others ? $" (with {string.Join(", ", others.Select(o => $"{o.Key}={o.Value}"))})" : "";
            md.AppendLine(CultureInfo.InvariantCulture, $"### {what}, method {c.Method}{with}").AppendLine();
            if (c.Metrics.Count == 0)
            {
                md.AppendLine("No golds, so no metric is compared.").AppendLine();
            }
            else
            {
                md.AppendLine("| metric | A | B | delta | 95% CI | p | verdict |").AppendLine("|---|---:|---:|---:|---|---:|---|");
                foreach (var m in c.Metrics)
                {
                    md.AppendLine(F($"| {m.Name} | {m.A:0.0000} | {m.B:0.0000} | {m.Delta:+0.0000;-0.0000;0.0000} | [{m.Ci95[0]:0.0000}, {m.Ci95[1]:0.0000}] | {m.P:0.000} | {Verdict(m)} |"));
                }

                md.AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"Users: B wins {c.Users.Wins}, loses {c.Users.Losses}, ties {c.Users.Ties}.");
            }

            md.AppendLine(F($"Cost: {c.Cost.A.TokensPerUser:0} → {c.Cost.B.TokensPerUser:0} ingest tokens per user ({Usd(c.Cost.A.UsdPerUser)} → {Usd(c.Cost.B.UsdPerUser)}), {c.Cost.A.TokensPerQuery:0} → {c.Cost.B.TokensPerQuery:0} tokens per query ({Usd(c.Cost.A.UsdPerQuery)} → {Usd(c.Cost.B.UsdPerQuery)}), a difference of {c.Cost.B.TokensPerQuery - c.Cost.A.TokensPerQuery:+0;-0;0} tokens per query."))
                .AppendLine();
        }

        md.AppendLine("![comparison](comparison.png)").AppendLine();
    }

    public static void AppendGate(StringBuilder md, EvalReport report)
    {
        if (report.Gate is not { } gate)
        {
            return;
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"## Gate: {(gate.Passed ? "passed" : "FAILED")}").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Against `{gate.Baseline}`. A check fails when even the low end of the interval of the drop is above the allowed drop.").AppendLine()
            .AppendLine("| method | metric | baseline | this run | drop | 95% CI of the drop | allowed | result |").AppendLine("|---|---|---:|---:|---:|---|---:|---|");
        foreach (var c in gate.Checks)
        {
            md.AppendLine(F($"| {c.Method} | {c.Metric} | {c.Baseline:0.0000} | {c.Current:0.0000} | {c.Drop:0.0000} | [{c.Ci95[0]:0.0000}, {c.Ci95[1]:0.0000}] | {c.MaxDrop:0.0000} | {(c.Failed ? "FAILED" : "ok")} |"));
        }

        md.AppendLine();
        foreach (var failed in gate.Checks.Where(c => c.Failed))
        {
            md.AppendLine("- " + RegressionGate.Describe(failed));
        }

        if (!gate.Passed)
        {
            md.AppendLine();
        }
    }

    /// <summary>"no detectable difference" whenever the interval spans zero; otherwise which side is better, saying when lower is better.</summary>
    internal static string Verdict(MetricComparison metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.SpansZero)
        {
            return "no detectable difference";
        }

        var bBetter = metric.HigherIsBetter ? metric.Delta > 0 : metric.Delta < 0;
        return metric.HigherIsBetter
            ? bBetter ? "B better (higher)" : "B worse (lower)"
            : bBetter ? "B better (lower is better)" : "B worse (higher; lower is better)";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Usd(double? value) => value is { } v ? v.ToString("$0.000000", CultureInfo.InvariantCulture) : "n/a";
}
