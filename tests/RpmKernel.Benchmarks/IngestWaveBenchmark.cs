using System.Diagnostics;
using System.Globalization;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Ingest wall time of a user (40, 200 or 1,000 items) with 500 ms model latency at concurrency 16,
/// against the ideal of the dependent waves: features (waves of batches), clustering (one call, or
/// chunks then a merge), reasoning (waves of batches).
/// </summary>
internal sealed class IngestWaveBenchmark(string name = "ingest", int items = 40, int runs = 5, double maxRatio = 1.1) : IBenchmark
{
    private const int Concurrency = 16;
    private static readonly TimeSpan s_latency = TimeSpan.FromMilliseconds(500);

    public string Name => name;

    public string Description => $"IngestAsync of {items} items, {s_latency.TotalMilliseconds:F0} ms model latency, Chat:MaxConcurrency {Concurrency}, median of {runs} runs after a warm-up run";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var runtime = host.Runtime(o => o.Chat.MaxConcurrency = Concurrency);
        var options = runtime.Options.Ingest;
        host.Server.Latency = s_latency;

        // The warm-up run loads MiniLM, JIT-compiles the path and opens the HTTP connections.
        await IngestAsync(runtime, "warm-up", seed: 0, cancellationToken: cancellationToken);
        var times = new List<double>();
        var calls = new Dictionary<string, int>();
        var replies = new System.Collections.Concurrent.ConcurrentQueue<(string Stage, long At)>();
        host.Server.Respond(r =>
        {
            replies.Enqueue((r.SchemaName() ?? "?", Stopwatch.GetTimestamp()));
            return null;
        });
        var started = 0L;
        for (var run = 1; run <= runs; run++)
        {
            host.Server.ClearRequests();
            replies.Clear();
            started = Stopwatch.GetTimestamp();
            times.Add(await IngestAsync(runtime, $"u{run}", seed: run, cancellationToken));
            calls = host.Server.ChatRequests
                .GroupBy(r => r.SchemaName() ?? "?")
                .ToDictionary(g => g.Key, g => g.Count());
        }

        var timeline = string.Join(", ", replies.GroupBy(r => r.Stage).Select(g =>
            $"{g.Key} {Stopwatch.GetElapsedTime(started, g.Min(r => r.At)).TotalMilliseconds:F0}–{Stopwatch.GetElapsedTime(started, g.Max(r => r.At)).TotalMilliseconds:F0} ms"));

        // Where the time beyond the waves goes: the same ingest with an instant model, and the embedding step alone.
        host.Server.Latency = TimeSpan.Zero;
        var cpuBefore = Timed.CpuTime();
        var instant = await IngestAsync(runtime, "instant", seed: runs + 1, cancellationToken: cancellationToken);
        var instantCpu = (Timed.CpuTime() - cpuBefore).TotalMilliseconds;
        var embedClock = Stopwatch.StartNew();
        await runtime.Embeddings.GenerateAsync(SyntheticHistory.Queries(items, seed: 9), cancellationToken: cancellationToken);
        var embedding = embedClock.Elapsed.TotalMilliseconds;

        var batches = (items + options.BatchSize - 1) / options.BatchSize;
        // Features and reasoning take ceil(batches / concurrency) waves each; clustering one call, or
        // its chunks in parallel waves and then one merge (two levels).
        var clusterCalls = calls.GetValueOrDefault("user_factors");
        var clusterWaves = clusterCalls <= 1 ? clusterCalls : ((clusterCalls - 1 + Concurrency - 1) / Concurrency) + 1;
        var waves = (2 * ((batches + Concurrency - 1) / Concurrency)) + clusterWaves;
        var ideal = waves * s_latency.TotalMilliseconds;
        var median = Percentiles.Of(times, 50);
        var ratio = median / ideal;
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"wall ≤ {maxRatio} × ideal"),
            string.Create(CultureInfo.InvariantCulture, $"{median:F0} ms = {ratio:F2} × ideal {ideal:F0} ms"),
            ratio <= maxRatio,
            [
                $"batch size {options.BatchSize}: {batches} batches per wave; ideal = {waves} dependent waves × {s_latency.TotalMilliseconds:F0} ms",
                "calls per stage in the last run: " + string.Join(", ", calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")),
                $"same ingest with zero model latency: {instant:F0} ms wall, {instantCpu:F0} ms process CPU (client, server, embedding, SQLite); local MiniLM embedding of {items} texts alone: {embedding:F0} ms",
                $"replies sent in the last run (after the {s_latency.TotalMilliseconds:F0} ms latency), from the start: {timeline}; ingest ended at {times[^1]:F0} ms",
                "runs: " + string.Join(", ", times.Select(t => $"{t:F0} ms")) + string.Create(CultureInfo.InvariantCulture, $"; best {times.Min():F0} ms = {times.Min() / ideal:F2} × ideal"),
            ]);
    }

    private async Task<double> IngestAsync(RpmRuntime runtime, string userId, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await runtime.Pipeline.IngestAsync(userId, "lamp2", SyntheticHistory.Items(items, seed), cancellationToken: cancellationToken);
        clock.Stop();
        if (result.Items != items)
        {
            throw new InvalidOperationException($"Ingest stored {result.Items} of {items} items; failures: {result.Failed.Count}.");
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}
