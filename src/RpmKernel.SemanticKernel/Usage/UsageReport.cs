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
    /// <summary>The billed calls of each model without a price, so a total can say what its priced part leaves out.</summary>
    public IReadOnlyList<UnpricedUsage> Unpriced { get; init; } = [];

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
            .GroupBy(r => r.Model, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnpricedUsage(g.Key, g.Count(), g.Sum(r => r.InputTokens), g.Sum(r => r.OutputTokens)))
            .ToList();
        return new UsageReport(stages, users, Sum(null, null, all, costs), unpriced.Select(u => u.Model).ToList()) { Unpriced = unpriced };
    }

    /// <summary>
    /// Sums rows into one line, each row at its own model's price; the estimated cost is null as soon
    /// as one billed row has no price, and the priced part is kept apart from it.
    /// </summary>
    public static UsageLine Sum(string? userId, string? stage, IEnumerable<UsageRow> rows, CostEstimator costs)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(costs);
        int calls = 0, hits = 0, unpricedCalls = 0, batchCalls = 0;
        long input = 0, output = 0, cachedInput = 0, cachedOutput = 0, unpricedTokens = 0, promptCache = 0;
        decimal priced = 0m;
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
            batchCalls += row.Batch ? 1 : 0;
            input += row.InputTokens;
            output += row.OutputTokens;
            promptCache += Math.Clamp(row.PromptCacheTokens, 0, row.InputTokens);
            if (costs.Estimate(row) is { } rowCost)
            {
                priced += rowCost;
            }
            else
            {
                unpricedCalls++;
                unpricedTokens += row.InputTokens + row.OutputTokens;
            }
        }

        return new UsageLine(userId, stage, calls, hits, input, output, cachedInput, cachedOutput, unpricedCalls == 0 ? priced : null)
        {
            PricedCost = priced,
            UnpricedCalls = unpricedCalls,
            UnpricedTokens = unpricedTokens,
            BatchCalls = batchCalls,
            PromptCacheTokens = promptCache,
        };
    }
}
