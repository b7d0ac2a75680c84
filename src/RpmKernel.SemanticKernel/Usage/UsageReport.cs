using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Usage;

/// <summary>The usage ledger summed per user and stage, per user, and in total, with estimated costs.</summary>
/// <param name="Stages">One line per user and stage, ordered by user then stage.</param>
/// <param name="Users">One line per user (stage null).</param>
/// <param name="Total">Everything (user and stage null).</param>
/// <param name="UnpricedModels">Models that appear in the rows but have no configured price (their cost is unknown).</param>
internal sealed record UsageReport(
    IReadOnlyList<UsageLine> Stages,
    IReadOnlyList<UsageLine> Users,
    UsageLine Total,
    IReadOnlyList<string> UnpricedModels)
{
    /// <summary>Sums <paramref name="rows"/> and prices them with <paramref name="costs"/>.</summary>
    /// <param name="rows">Ledger rows (for example from <c>IUsageStore.GetAsync</c>).</param>
    /// <param name="costs">The price list.</param>
    public static UsageReport Create(IEnumerable<UsageRow> rows, CostEstimator costs)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(costs);
        var all = rows.ToList();
        var stages = all
            .GroupBy(r => (r.UserId, r.Stage))
            .OrderBy(g => g.Key.UserId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Stage, StringComparer.Ordinal)
            .Select(g => Sum(g.Key.UserId, g.Key.Stage, g, costs))
            .ToList();
        var users = all
            .GroupBy(r => r.UserId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum(g.Key, null, g, costs))
            .ToList();
        var unpriced = all
            .Where(r => !r.CacheHit && !costs.HasPrice(r.Model))
            .Select(r => r.Model)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new UsageReport(stages, users, Sum(null, null, all, costs), unpriced);
    }

    /// <summary>Sums rows into one line; the cost is null as soon as one billed row has no price.</summary>
    public static UsageLine Sum(string? userId, string? stage, IEnumerable<UsageRow> rows, CostEstimator costs)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(costs);
        int calls = 0, hits = 0;
        long input = 0, output = 0, cachedInput = 0, cachedOutput = 0;
        decimal? cost = 0m;
        foreach (var row in rows)
        {
            if (row.CacheHit)
            {
                hits++;
                cachedInput += row.InputTokens;
                cachedOutput += row.OutputTokens;
                continue;
            }

            calls++;
            input += row.InputTokens;
            output += row.OutputTokens;
            cost = cost is { } sofar && costs.Estimate(row) is { } rowCost ? sofar + rowCost : null;
        }

        return new UsageLine(userId, stage, calls, hits, input, output, cachedInput, cachedOutput, cost);
    }
}
