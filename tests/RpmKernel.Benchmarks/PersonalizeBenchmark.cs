using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Personalize overhead excluding model latency: a 500-item user already ingested (local MiniLM,
/// SQLite), the fake server answering at once; per call, total time minus the time the server
/// spent handling the call's requests.
/// </summary>
internal sealed class PersonalizeBenchmark : IBenchmark
{
    private const int HistoryItems = 500;
    private const int WarmUpCalls = 20;
    private const int MeasuredCalls = 200;
    private const double TargetP50Ms = 15;

    public string Name => "personalize";

    public string Description => $"PersonalizeAsync overhead, {HistoryItems}-item user, local MiniLM + SQLite, {MeasuredCalls} calls after {WarmUpCalls} warm-up";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var runtime = host.Runtime(o => o.Chat.MaxConcurrency = 16);
        var ingestClock = Stopwatch.StartNew();
        var ingest = await runtime.Pipeline.IngestAsync("u500", "lamp2", SyntheticHistory.Items(HistoryItems, seed: 500), cancellationToken: cancellationToken);
        ingestClock.Stop();
        if (ingest.Items != HistoryItems)
        {
            throw new InvalidOperationException($"Ingest stored {ingest.Items} of {HistoryItems} items; failures: {ingest.Failed.Count}.");
        }

        var queries = SyntheticHistory.Queries(WarmUpCalls + MeasuredCalls, seed: 7);
        var totals = new List<double>();
        var overheads = new List<double>();
        var server = new List<double>();
        long allocated = 0;
        var cpuBefore = TimeSpan.Zero;
        for (var i = 0; i < queries.Count; i++)
        {
            var serverBefore = host.Server.HandlingTime;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var answer = await runtime.Pipeline.PersonalizeAsync("u500", "lamp2", queries[i], cancellationToken);
            clock.Stop();
            var serverMs = (host.Server.HandlingTime - serverBefore).TotalMilliseconds;
            if (answer.Examples.Count == 0)
            {
                throw new InvalidOperationException("Personalize retrieved no examples; the benchmark would not measure retrieval.");
            }

            if (i < WarmUpCalls)
            {
                cpuBefore = Timed.CpuTime();
                continue;
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            totals.Add(clock.Elapsed.TotalMilliseconds);
            server.Add(serverMs);
            overheads.Add(clock.Elapsed.TotalMilliseconds - serverMs);
        }

        var cpuPerCall = (Timed.CpuTime() - cpuBefore).TotalMilliseconds / MeasuredCalls;
        var load = Timed.LoadAverage();
        var breakdown = await BreakdownAsync(runtime, queries, cancellationToken);
        var p50 = Percentiles.Of(overheads, 50);
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"overhead p50 ≤ {TargetP50Ms} ms"),
            string.Create(CultureInfo.InvariantCulture, $"overhead p50 {p50:F1} ms, p95 {Percentiles.Of(overheads, 95):F1} ms"),
            p50 <= TargetP50Ms,
            [
                $"ingest of {HistoryItems} items (zero latency, concurrency 16): {ingestClock.Elapsed.TotalSeconds:F1} s",
                "total per call:              " + Percentiles.Describe(totals),
                "server handling per call:    " + Percentiles.Describe(server),
                "overhead (total - server):   " + Percentiles.Describe(overheads),
                $"process CPU per call (client, server and GC): {cpuPerCall:F1} ms; {load} on {Environment.ProcessorCount} cores",
                $"allocated on the calling thread: {allocated / overheads.Count / 1024.0:F0} KiB per call (continuations on other threads not counted)",
                .. breakdown,
                $"process working set now: {Environment.WorkingSet / 1048576.0:F0} MiB",
            ]);
    }

    /// <summary>The native steps of a call timed alone: user model read, query embedding, vector search.</summary>
    private static async Task<string[]> BreakdownAsync(RpmRuntime runtime, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<ReadOnlyMemory<float>>();
        var model = await Timed.LoopAsync(MeasuredCalls, _ => runtime.Storage.UserModels.GetAsync("u500", "lamp2", cancellationToken));
        var embed = await Timed.LoopAsync(MeasuredCalls, async i => vectors.Add(await runtime.Embeddings.GenerateVectorAsync(texts[i], cancellationToken: cancellationToken)));
        var search = await Timed.LoopAsync(MeasuredCalls, i => runtime.Storage.Reasoning.SearchAsync("u500", "lamp2", vectors[i], runtime.Options.Retrieval.TopK, cancellationToken));
        return
        [
            "  of which, timed alone: user model read " + model,
            "                         query embedding " + embed,
            "                         vector search   " + search,
        ];
    }
}
