using System.Globalization;
using RpmKernel.Core.Features;
using RpmKernel.Core.Records;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>
/// The HTML of a user page: the user model's factors with their statistics as charts and a table, the reasoning
/// records <c>(q_i, G_i, r_i, a_i)</c>, and the provenance of recent answers. Plain HTML and inline SVG, no script.
/// </summary>
internal static class UserPageRenderer
{
    /// <summary>Records shown at most, newest first; the page says how many there are.</summary>
    public const int MaxRecords = 200;

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1100px}
        h1{font-size:1.5rem;margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
        .meta{color:#57606a}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
        th{background:#f6f8fa}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.25rem}
        svg text{font-size:12px;fill:#1b1f24}.track{fill:#eaeef2}.cov{fill:#0969da}.pro{fill:#8250df}.pos{fill:#1a7f37}.neg{fill:#cf222e}.axis{stroke:#57606a}
        ul{margin:0;padding-left:1.1rem}.empty{color:#57606a;font-style:italic}
        """;

    /// <summary>The page of <paramref name="model"/>'s user, shown as <paramref name="displayUserId"/> (the tenant's own spelling).</summary>
    public static string Render(string displayUserId, UserModel model, IReadOnlyList<ReasoningRecord> records, IReadOnlyList<RecentAnswer> recent)
    {
        var html = Start($"RPM user {displayUserId}");
        html.Element("h1", $"User {displayUserId}");
        html.Raw("<p class=\"meta\">").Text(string.Create(CultureInfo.InvariantCulture,
            $"Task {model.Task} · {model.ItemCount} history items · {model.Factors.Count} factors · built {model.BuiltAt:yyyy-MM-dd HH:mm} UTC by {model.Model}")).Raw("</p>");

        html.Element("h2", "Factors");
        if (model.Factors.Count == 0)
        {
            html.Element("p", "No factors were found for this user.", "empty");
        }
        else
        {
            FactorCharts.Coverage(html, model.Factors, model.ItemCount);
            FactorCharts.Tendencies(html, model.Factors);
            html.Raw("<table id=\"factors\"><thead><tr><th>Factor</th><th>Description</th><th>Evidence n</th><th>Coverage</th><th>Tendency</th><th>Merged labels</th></tr></thead><tbody>");
            foreach (var factor in model.Factors)
            {
                html.Raw("<tr>").Element("td", factor.Name, "factor").Element("td", factor.Description)
                    .Element("td", factor.Evidence.ToString(CultureInfo.InvariantCulture))
                    .Element("td", HtmlWriter.Number(factor.Coverage * 100, "0.#") + "%")
                    .Element("td", Tendency(factor)).Element("td", string.Join(", ", factor.Members)).Raw("</tr>");
            }

            html.Raw("</tbody></table>");
        }

        Records(html, records);
        Recent(html, recent);
        return html.Raw("</body></html>").ToString();
    }

    /// <summary>The page that asks for a key (a person's browser sends none at first).</summary>
    public static string Login(string action, string? problem)
    {
        var html = Start("RPM user page: API key");
        html.Element("h1", "RPM user page");
        if (problem is not null)
        {
            html.Element("p", problem);
        }

        html.Raw("<form method=\"post\" action=\"").Text(action).Raw("\"><label>API key (with the Explain operation) <input type=\"password\" name=\"key\" autocomplete=\"off\" required></label> ")
            .Raw("<button type=\"submit\">Show</button></form>")
            .Element("p", "The key is kept in an HttpOnly cookie for this site for 8 hours; it is never put in a URL.", "meta");
        return html.Raw("</body></html>").ToString();
    }

    private static HtmlWriter Start(string title) =>
        new HtmlWriter().Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Text(title).Raw("</title><style>").Raw(Style).Raw("</style></head><body>");

    private static string Tendency(Core.Factors.FactorStatistics factor)
    {
        if (factor.Propensity is { Count: > 0 } propensity)
        {
            return string.Join(", ", propensity.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {HtmlWriter.Number(p.Value * 100, "0")}%"));
        }

        if (factor.Lift is { } lift)
        {
            return $"mean {HtmlWriter.Number(factor.MeanScore ?? 0)}, lift {(lift >= 0 ? "+" : "")}{HtmlWriter.Number(lift)}";
        }

        return factor.Polarity is { } polarity
            ? $"influence {HtmlWriter.Number(factor.Influence ?? 0)}, base rate {HtmlWriter.Number(factor.BaseRate ?? 0)}, polarity {HtmlWriter.Number(polarity)}"
            : "";
    }

    private static void Records(HtmlWriter html, IReadOnlyList<ReasoningRecord> records)
    {
        var shown = records.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.ItemId, StringComparer.Ordinal).Take(MaxRecords).ToList();
        html.Element("h2", records.Count > shown.Count ? $"Reasoning records (newest {shown.Count} of {records.Count})" : $"Reasoning records ({records.Count})");
        if (shown.Count == 0)
        {
            html.Element("p", "No records are stored for this user.", "empty");
            return;
        }

        html.Raw("<table id=\"records\"><thead><tr><th>Item</th><th>Query</th><th>Features</th><th>Reasoning</th><th>Answer</th></tr></thead><tbody>");
        foreach (var record in shown)
        {
            html.Raw("<tr>").Element("td", record.ItemId).Element("td", record.Query).Raw("<td>");
            Features(html, record.Features);
            html.Raw("</td>").Element("td", record.Reasoning).Element("td", record.Answer).Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void Recent(HtmlWriter html, IReadOnlyList<RecentAnswer> recent)
    {
        html.Element("h2", "Recent answers and their provenance");
        html.Element("p", $"The last {RecentAnswers.PerUser} answers this server process gave for the user (kept in memory only), with the records they retrieved.", "meta");
        if (recent.Count == 0)
        {
            html.Element("p", "No answers since the server started.", "empty");
            return;
        }

        html.Raw("<table id=\"recent\"><thead><tr><th>When</th><th>Query</th><th>Answer</th><th>Retrieved records (similarity)</th></tr></thead><tbody>");
        foreach (var answer in recent)
        {
            html.Raw("<tr>").Element("td", string.Create(CultureInfo.InvariantCulture, $"{answer.At:yyyy-MM-dd HH:mm:ss} via {answer.Via}")).Raw("<td>");
            if (answer.Query is not null)
            {
                html.Element("div", answer.Query);
            }

            Features(html, answer.QueryFeatures);
            html.Raw("</td>").Element("td", answer.Answer).Raw("<td><ul>");
            foreach (var example in answer.Examples)
            {
                html.Raw("<li>").Element("code", example.ItemId).Text($" ({HtmlWriter.Number(example.Score, "0.000")})");
                if (example.Query is not null)
                {
                    html.Text(": " + example.Query);
                }

                html.Raw("</li>");
            }

            html.Raw("</ul></td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void Features(HtmlWriter html, IReadOnlyList<Feature> features)
    {
        html.Raw("<ul>");
        foreach (var feature in features)
        {
            html.Raw("<li>").Element("strong", feature.Name).Text($": {feature.Context} → {feature.Factor}").Raw("</li>");
        }

        html.Raw("</ul>");
    }
}
