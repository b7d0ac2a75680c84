using System.Globalization;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.Cli.Output;

/// <summary>The text table of <c>rpmk usage</c>.</summary>
internal static class UsageText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter writer, UsageReport report, string? userId)
    {
        if (report.Total.Calls + report.Total.CacheHits == 0)
        {
            writer.WriteLine(userId is null
                ? "The usage ledger is empty: no model calls were recorded yet."
                : $"No model calls were recorded for user '{userId}'.");
            return;
        }

        var lines = report.Users.SelectMany(u => report.Stages.Where(s => s.UserId == u.UserId).Append(u)).Append(report.Total).ToList();
        var userWidth = Math.Max("USER".Length, lines.Max(l => (l.UserId ?? "").Length));
        var stageWidth = Math.Max("TOTAL".Length, lines.Max(l => (l.Stage ?? "").Length));
        writer.WriteLine($"{"USER".PadRight(userWidth)}  {"STAGE".PadRight(stageWidth)}  {"CALLS",6}  {"CACHED",6}  {"INPUT",10}  {"OUTPUT",10}  {"COST (USD)",10}");
        foreach (var line in lines)
        {
            var user = line.UserId ?? "all";
            var stage = line.Stage ?? "total";
            writer.WriteLine(string.Create(Invariant,
                $"{user.PadRight(userWidth)}  {stage.PadRight(stageWidth)}  {line.Calls,6}  {line.CacheHits,6}  {line.InputTokens,10}  {line.OutputTokens,10}  {Cost(line),10}"));
        }

        if (report.Total.BatchCalls > 0)
        {
            writer.WriteLine(string.Create(Invariant, $"{report.Total.BatchCalls} of the {report.Total.Calls} calls went through the Batch API and are priced at the batch rate (half the online price unless Rpm:Pricing:Models:<model>:BatchInputPerMillion / BatchOutputPerMillion say otherwise)."));
        }

        if (report.Total.PromptCacheTokens > 0)
        {
            var share = (double)report.Total.PromptCacheTokens / Math.Max(1, report.Total.InputTokens);
            writer.WriteLine(string.Create(Invariant, $"{report.Total.PromptCacheTokens} of the {report.Total.InputTokens} input tokens ({share:P1}) were read from the provider's prompt cache and are priced at its cached-input rate (Rpm:Pricing:Models:<model>:CachedInputPerMillion; none = the input price)."));
        }

        if (report.Unpriced.Count > 0)
        {
            var priced = report.Total.Calls > report.Total.UnpricedCalls ? report.Total.PricedCost.ToString("0.000000", Invariant) + " USD" : "none";
            var unpriced = string.Join(", ", report.Unpriced.Select(u => string.Create(Invariant, $"{u.Tokens} tokens on model {u.Model}")));
            writer.WriteLine($"Total: priced part {priced}; unpriced: {unpriced}.");
        }

        if (report.UnpricedModels.Count > 0)
        {
            writer.WriteLine($"No price for model(s) {string.Join(", ", report.UnpricedModels)}; set Rpm:Pricing:Models:<model>:InputPerMillion and OutputPerMillion to estimate their cost.");
        }
    }

    // A line with some unpriced calls shows its priced part with "+?" (the rest is unknown); "unknown" when nothing in it is priced.
    private static string Cost(UsageLine line) =>
        line.EstimatedCost is { } cost ? cost.ToString("0.000000", Invariant)
        : line.Calls > line.UnpricedCalls ? line.PricedCost.ToString("0.000000", Invariant) + "+?"
        : "unknown";
}
