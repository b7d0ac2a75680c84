using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.Cli.Output;

/// <summary>The <c>usage --json</c> document: per user (with per-stage lines), the total, and models without a price.</summary>
/// <param name="Users">One entry per user, each with its stages.</param>
/// <param name="Total">Every row summed.</param>
/// <param name="UnpricedModels">Models with no Rpm:Pricing entry (their cost is null).</param>
/// <param name="Unpriced">The billed calls and tokens of each of those models, which <c>pricedCost</c> leaves out.</param>
internal sealed record UsageDocument(
    IReadOnlyList<UsageDocument.UserUsage> Users, UsageDocument.Totals Total, IReadOnlyList<string> UnpricedModels, IReadOnlyList<UnpricedUsage> Unpriced)
{
    public static UsageDocument From(UsageReport report)
    {
        var users = report.Users
            .Select(u => new UserUsage(u.UserId!, Totals.From(u), [.. report.Stages.Where(s => s.UserId == u.UserId).Select(StageUsage.From)]))
            .ToList();
        return new UsageDocument(users, Totals.From(report.Total), report.UnpricedModels, report.Unpriced);
    }

    /// <summary>Sums of one user, one stage or everything.</summary>
    internal sealed record Totals(
        int Calls, int CacheHits, long InputTokens, long OutputTokens, long CachedInputTokens, long CachedOutputTokens, decimal? EstimatedCost, decimal PricedCost, long UnpricedTokens,
        int BatchCalls, long PromptCacheTokens)
    {
        public static Totals From(UsageLine line) =>
            new(line.Calls, line.CacheHits, line.InputTokens, line.OutputTokens, line.CachedInputTokens, line.CachedOutputTokens, line.EstimatedCost, line.PricedCost, line.UnpricedTokens, line.BatchCalls, line.PromptCacheTokens);
    }

    /// <summary>One stage of one user.</summary>
    internal sealed record StageUsage(string Stage, int Calls, int CacheHits, long InputTokens, long OutputTokens, decimal? EstimatedCost, long PromptCacheTokens)
    {
        public static StageUsage From(UsageLine line) =>
            new(line.Stage!, line.Calls, line.CacheHits, line.InputTokens, line.OutputTokens, line.EstimatedCost, line.PromptCacheTokens);
    }

    /// <summary>One user: totals and stages.</summary>
    internal sealed record UserUsage(string UserId, Totals Total, IReadOnlyList<StageUsage> Stages);
}
