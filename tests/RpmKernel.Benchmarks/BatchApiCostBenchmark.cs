using System.Globalization;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Input cost of ingesting a LaMP-3-like user (150 reviews with 1–5 scores, batch 8) online and through
/// the Batch API, both from the usage rows of the run at gpt-4o-mini prices; then the Batch API run
/// killed between submit and completion and run again, which must lose no item and submit nothing twice.
/// </summary>
internal sealed class BatchApiCostBenchmark : IBenchmark
{
    private const int Items = 150;
    private const decimal MaxShare = 0.5m;

    public string Name => "batch-api";

    public string Description => $"input cost per LaMP-3-like user ({Items} items, batch 8), --batch-api vs online, and a killed batch run resumed";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var history = Reviews(Items, seed: 3);
        var costs = new CostEstimator(new RpmPricingOptions());

        var online = await IngestAsync(host.Runtime(o => o.Ingest.BatchSize = 8), history, cancellationToken);
        host.Server.BatchPollsBeforeCompletion = 2;
        var batched = await IngestAsync(host.Runtime(o => BatchApi(o, host, "batches-a")), history, cancellationToken);

        // Killed while the first stage's batch is with the provider, then run again over the same store.
        host.Server.BatchPollsBeforeCompletion = int.MaxValue;
        using var kill = new CancellationTokenSource();
        var before = host.Server.BatchesCreated;
        var killed = host.Runtime(o => BatchApi(o, host, "batches-b"), "killed.db", p =>
        {
            if (p.Status == "in_progress")
            {
                kill.Cancel();
            }
        });
        try
        {
            await killed.Pipeline.IngestAsync("u3", "lamp3", history, cancellationToken: kill.Token);
        }
        catch (OperationCanceledException)
        {
            // The kill: the batch stays with the provider and in the ledger.
        }

        var submittedBeforeKill = host.Server.BatchesCreated - before;
        host.Server.BatchPollsBeforeCompletion = 1;
        var resumed = await host.Runtime(o => BatchApi(o, host, "batches-b"), "killed.db", null).Pipeline.IngestAsync("u3", "lamp3", history, cancellationToken: cancellationToken);
        var submitted = host.Server.BatchesCreated - before;

        var onlineInput = InputCost(costs, online);
        var batchInput = InputCost(costs, batched);
        var share = batchInput / onlineInput;
        var lost = Items - resumed.Items;
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"--batch-api input cost ≤ {MaxShare:P0} of online; 0 items lost and no batch submitted twice after a kill"),
            string.Create(CultureInfo.InvariantCulture, $"${batchInput:0.000000} vs ${onlineInput:0.000000} per user: {share:P1}; killed run: {lost} lost, {submitted} batches for 3 stages"),
            share <= MaxShare && lost == 0 && resumed.Failed.Count == 0 && submittedBeforeKill == 1 && submitted == 3,
            [
                string.Create(CultureInfo.InvariantCulture, $"online: {online.Count} calls, {online.Sum(r => r.InputTokens):N0} input tokens (server word count), total ${UsageReport.Create(online, costs).Total.EstimatedCost:0.000000}"),
                string.Create(CultureInfo.InvariantCulture, $"batch: {batched.Count} calls in {batched.Count(r => r.Batch)} batch lines, {batched.Sum(r => r.InputTokens):N0} input tokens, total ${UsageReport.Create(batched, costs).Total.EstimatedCost:0.000000}"),
                $"killed run: {submittedBeforeKill} batch submitted before the kill, {submitted - submittedBeforeKill} more after it (clustering, reasoning), {resumed.Items} of {Items} items stored",
            ]);
    }

    private static async Task<IReadOnlyList<UsageRow>> IngestAsync(RpmRuntime runtime, List<HistoryItem> history, CancellationToken cancellationToken)
    {
        var result = await runtime.Pipeline.IngestAsync("u3", "lamp3", history, cancellationToken: cancellationToken);
        if (result.Items != history.Count)
        {
            throw new InvalidOperationException($"Ingest stored {result.Items} of {history.Count} items.");
        }

        return await runtime.Storage.Usage.GetAsync("u3", cancellationToken);
    }

    private static decimal InputCost(CostEstimator costs, IEnumerable<UsageRow> rows) =>
        rows.Where(r => !r.CacheHit).Sum(r => (r.Batch ? costs.EstimateBatch(r.Model, r.InputTokens, 0) : costs.Estimate(r.Model, r.InputTokens, 0)) ?? 0m);

    private static void BatchApi(RpmOptions options, BenchHost host, string directory)
    {
        options.Ingest.BatchSize = 8;
        options.Ingest.BatchApi.Enabled = true;
        options.Ingest.BatchApi.PollInterval = TimeSpan.FromMilliseconds(10);
        options.Ingest.BatchApi.Directory = host.File(directory);
    }

    // LaMP-3-shaped: a product review and the 1–5 score its author gave.
    private static List<HistoryItem> Reviews(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count)
            .Select(i => new HistoryItem($"r{i}", "Review: " + SyntheticHistory.Description(random) + " The author liked some parts and not others.", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)))
            .ToList();
    }
}
