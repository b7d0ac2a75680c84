using System.Globalization;
using System.Text;
using RpmKernel.Core.Factors;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Writes a user's factors and statistics as prompt text, always with their evidence counts.</summary>
internal static class FactorText
{
    public static string WithStatistics(IReadOnlyList<FactorStatistics> factors, int itemCount)
    {
        if (factors.Count == 0)
        {
            return "(no factors yet)";
        }

        var text = new StringBuilder();
        foreach (var f in factors)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {f.Name}: {f.Description} (evidence {f.Evidence} of {itemCount} items, coverage {f.Coverage:0.00}");
            if (f.Propensity is { Count: > 0 } propensity)
            {
                text.Append("; propensity ").AppendJoin(", ", propensity.OrderByDescending(p => p.Value)
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.00}")));
            }

            if (f.MeanScore is { } mean)
            {
                text.Append(CultureInfo.InvariantCulture, $"; mean score {mean:0.00}, lift {f.Lift:+0.00;-0.00;0.00}");
            }

            if (f.Influence is { } influence)
            {
                text.Append(CultureInfo.InvariantCulture, $"; influence {influence:0.00}, base rate {f.BaseRate:0.00}, polarity {f.Polarity:+0.00;-0.00;0.00}");
            }

            text.AppendLine(")");
        }

        return text.ToString().TrimEnd();
    }

    public static string Names(IReadOnlyList<FactorStatistics> factors) => factors.Count == 0
        ? "(no factors yet: use \"other\")"
        : string.Join('\n', factors.Select(f => $"- {f.Name}: {f.Description}"));
}
