using RpmKernel.Core.Factors;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>
/// The factor statistics as inline SVG bar charts, drawn on the server (no script): coverage with the evidence count
/// <c>n_F</c> beside each bar, and per factor the propensity of each label (discrete tasks), the lift (rating tasks)
/// or the polarity (generation tasks).
/// </summary>
internal static class FactorCharts
{
    private const int LabelWidth = 220;
    private const int BarWidth = 320;
    private const int RowHeight = 22;

    /// <summary>Coverage <c>n_F / N</c> per factor, each bar labelled with <c>n_F</c>.</summary>
    public static void Coverage(HtmlWriter html, IReadOnlyList<FactorStatistics> factors, int itemCount)
    {
        Start(html, "Coverage of each factor (share of the user's items it appears in; n = evidence items)", factors.Count);
        for (var i = 0; i < factors.Count; i++)
        {
            var factor = factors[i];
            Row(html, i, factor.Name, Math.Clamp(factor.Coverage, 0, 1), $"{HtmlWriter.Number(factor.Coverage * 100, "0")}% · n={factor.Evidence}/{itemCount}", "cov");
        }

        html.Raw("</svg></figure>");
    }

    /// <summary>The task-kind statistic of each factor: propensity per label, lift, or polarity (signed, centred bars).</summary>
    public static void Tendencies(HtmlWriter html, IReadOnlyList<FactorStatistics> factors)
    {
        foreach (var factor in factors)
        {
            if (factor.Propensity is { Count: > 0 } propensity)
            {
                var labels = propensity.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
                Start(html, $"Propensity of '{factor.Name}' (share of its {factor.Evidence} items answered with each label)", labels.Count);
                for (var i = 0; i < labels.Count; i++)
                {
                    Row(html, i, labels[i].Key, Math.Clamp(labels[i].Value, 0, 1), $"{HtmlWriter.Number(labels[i].Value * 100, "0")}%", "pro");
                }

                html.Raw("</svg></figure>");
            }
        }

        Signed(html, "Lift of each factor (mean score of its items minus the user's mean score)", factors, f => f.Lift, scale: 4);
        Signed(html, "Polarity of each factor (influence minus base rate, in [-1, 1])", factors, f => f.Polarity, scale: 1);
    }

    private static void Signed(HtmlWriter html, string title, IReadOnlyList<FactorStatistics> factors, Func<FactorStatistics, double?> value, double scale)
    {
        var rows = factors.Where(f => value(f) is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        Start(html, title, rows.Count);
        var middle = LabelWidth + (BarWidth / 2);
        html.Raw($"<line x1=\"{middle}\" y1=\"0\" x2=\"{middle}\" y2=\"{rows.Count * RowHeight}\" class=\"axis\"/>");
        for (var i = 0; i < rows.Count; i++)
        {
            var v = value(rows[i])!.Value;
            var width = Math.Min(Math.Abs(v) / scale, 1) * (BarWidth / 2);
            var x = v >= 0 ? middle : middle - width;
            Label(html, i, rows[i].Name);
            html.Raw($"<rect x=\"{HtmlWriter.Number(x)}\" y=\"{(i * RowHeight) + 4}\" width=\"{HtmlWriter.Number(width)}\" height=\"{RowHeight - 8}\" class=\"{(v >= 0 ? "pos" : "neg")}\"/>");
            html.Raw($"<text x=\"{LabelWidth + BarWidth + 8}\" y=\"{(i * RowHeight) + 15}\">").Text($"{(v >= 0 ? "+" : "")}{HtmlWriter.Number(v)} · n={rows[i].Evidence}").Raw("</text>");
        }

        html.Raw("</svg></figure>");
    }

    private static void Start(HtmlWriter html, string title, int rows) =>
        html.Raw("<figure><figcaption>").Text(title).Raw("</figcaption>")
            .Raw($"<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + BarWidth + 170}\" height=\"{Math.Max(rows, 1) * RowHeight}\"><title>").Text(title).Raw("</title>");

    private static void Row(HtmlWriter html, int index, string label, double share, string caption, string cssClass)
    {
        Label(html, index, label);
        html.Raw($"<rect x=\"{LabelWidth}\" y=\"{(index * RowHeight) + 4}\" width=\"{BarWidth}\" height=\"{RowHeight - 8}\" class=\"track\"/>");
        html.Raw($"<rect x=\"{LabelWidth}\" y=\"{(index * RowHeight) + 4}\" width=\"{HtmlWriter.Number(share * BarWidth)}\" height=\"{RowHeight - 8}\" class=\"{cssClass}\"/>");
        html.Raw($"<text x=\"{LabelWidth + BarWidth + 8}\" y=\"{(index * RowHeight) + 15}\">").Text(caption).Raw("</text>");
    }

    private static void Label(HtmlWriter html, int index, string label) =>
        html.Raw($"<text x=\"{LabelWidth - 8}\" y=\"{(index * RowHeight) + 15}\" text-anchor=\"end\">").Text(label.Length > 32 ? label[..31] + "…" : label).Raw("</text>");
}
