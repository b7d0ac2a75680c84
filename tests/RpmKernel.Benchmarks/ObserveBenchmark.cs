using System.Globalization;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Learning one interaction at a time: a 100-item user ingested, then 50 new items observed one by
/// one. Reports model calls and tokens per observed item, how many re-clustered, and what re-ingesting
/// the whole grown history would have cost instead.
/// </summary>
internal sealed class ObserveBenchmark : IBenchmark
{
    private const int HistoryItems = 100;
    private const int ObservedItems = 50;
    private const double TargetCallsPerMappedItem = 2;

    public string Name => "observe";

    public string Description => $"ObserveAsync calls and tokens per item, {ObservedItems} items after a {HistoryItems}-item ingest, SQLite";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        // Calls and tokens do not depend on the embedding model: the fake server's hashed embeddings keep the run short.
        var runtime = host.Runtime(o =>
        {
            o.Chat.MaxConcurrency = 16;
            o.Embeddings.Provider = EmbeddingProvider.OpenAI;
            o.Embeddings.Model = "text-embedding-3-small";
            o.Embeddings.Dimensions = 64;
        });
        var ingest = await runtime.Pipeline.IngestAsync("u100", "lamp2", SyntheticHistory.Items(HistoryItems, seed: 100), cancellationToken: cancellationToken);
        var scope = new RpmScope("u100", "lamp2");
        var perItem = new List<TokenUsage>();
        var mapped = new List<TokenUsage>();
        var reclustered = 0;
        foreach (var item in SyntheticHistory.Items(ObservedItems, seed: 101, idPrefix: "new"))
        {
            var observed = await runtime.Pipeline.ObserveAsync(scope, item.Query, item.Answer, item.Id, cancellationToken);
            perItem.Add(observed.Usage);
            if (observed.Reclustered)
            {
                reclustered++;
            }
            else
            {
                mapped.Add(observed.Usage);
            }
        }

        var model = await runtime.Pipeline.ExplainAsync("u100", "lamp2", cancellationToken);
        var records = (await runtime.Storage.Reasoning.GetItemIdsAsync("u100", "lamp2", cancellationToken)).Count;
        if (model.ItemCount != records || records != HistoryItems + ObservedItems)
        {
            throw new InvalidOperationException($"The user model claims {model.ItemCount} items for {records} records; expected {HistoryItems + ObservedItems}.");
        }

        var maxMapped = mapped.Count == 0 ? 0 : mapped.Max(u => u.Calls);
        var batches = (int)Math.Ceiling((double)(HistoryItems + ObservedItems) / runtime.Options.Ingest.BatchSize);
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"≤ {TargetCallsPerMappedItem} calls per item whose labels map"),
            string.Create(CultureInfo.InvariantCulture, $"max {maxMapped} calls, mean {Mean(perItem, u => u.Calls):F2} calls per item ({reclustered} of {ObservedItems} re-clustered)"),
            maxMapped <= TargetCallsPerMappedItem,
            [
                string.Create(CultureInfo.InvariantCulture, $"ingest of {HistoryItems} items: {ingest.Usage.Calls} calls, {ingest.Usage.InputTokens / (double)HistoryItems:F0} input and {ingest.Usage.OutputTokens / (double)HistoryItems:F0} output tokens per item"),
                string.Create(CultureInfo.InvariantCulture, $"observe, every item: {Mean(perItem, u => u.Calls):F2} calls, {Mean(perItem, u => u.InputTokens):F0} input and {Mean(perItem, u => u.OutputTokens):F0} output tokens per item"),
                string.Create(CultureInfo.InvariantCulture, $"observe, labels mapped ({mapped.Count} items): {Mean(mapped, u => u.Calls):F2} calls, {Mean(mapped, u => u.InputTokens):F0} input and {Mean(mapped, u => u.OutputTokens):F0} output tokens per item"),
                string.Create(CultureInfo.InvariantCulture, $"a full re-ingest of the final {HistoryItems + ObservedItems}-item history instead would take about {2 * batches + 1} calls (batch size {runtime.Options.Ingest.BatchSize})"),
                $"user model: {model.Factors.Count} factors over {model.ItemCount} items = {records} records",
            ]);
    }

    private static double Mean(List<TokenUsage> usages, Func<TokenUsage, long> value) => usages.Count == 0 ? 0 : usages.Average(u => (double)value(u));
}
