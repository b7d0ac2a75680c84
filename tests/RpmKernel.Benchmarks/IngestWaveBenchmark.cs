using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using RpmKernel.Embeddings.Local;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Ingest wall time of a user (40, 200 or 1,000 items) with 500 ms model latency at concurrency 16,
/// against the ideal of the dependent waves: features (waves of batches), clustering (one call, or
/// chunks then a merge), reasoning (waves of batches). Every item has a feature text of its own
/// (<see cref="ItemExtractionReplies"/>), so the local model embeds one text per item as in a real ingest.
/// </summary>
/// <param name="remoteEmbeddings">Embeds with the OpenAI-compatible server (200 ms a call) instead of the local model, as a small machine would.</param>
internal sealed class IngestWaveBenchmark(string name = "ingest", int items = 40, int runs = 5, double maxRatio = 1.1, bool remoteEmbeddings = false) : IBenchmark
{
    private const int Concurrency = 16;
    private const int WarmUpRuns = 5;
    private const int WarmUpSeed = 1_000;
    private static readonly TimeSpan s_latency = TimeSpan.FromMilliseconds(500);

    public string Name => name;

    public string Description => $"IngestAsync of {items} items, {s_latency.TotalMilliseconds:F0} ms model latency, Chat:MaxConcurrency {Concurrency}, "
        + (remoteEmbeddings ? "embeddings from the server (200 ms a call), " : "local MiniLM embeddings, ") + $"median of {runs} runs after warm-up runs until the JIT settled";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        host.Server.Respond(ItemExtractionReplies.Answer);
        host.Server.EmbeddingLatency = remoteEmbeddings ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero;
        var runtime = host.Runtime(o =>
        {
            o.Chat.MaxConcurrency = Concurrency;
            if (remoteEmbeddings)
            {
                o.Embeddings.Provider = SemanticKernel.Options.EmbeddingProvider.OpenAI;
                o.Embeddings.Dimensions = 384;
            }
        });
        var options = runtime.Options.Ingest;
        host.Server.Latency = s_latency;

        // The first warm-up run loads MiniLM, JIT-compiles the path and opens the HTTP connections; the next ones,
        // against the instant model, run until the runtime's tiered recompilation of the hot path has settled.
        var warmUp = await JitSettling.WarmUpAsync(async run =>
        {
            host.Server.Latency = run == 0 ? s_latency : TimeSpan.Zero;
            // Seeds apart from the measured runs' (Random takes a negative seed's absolute value), so no measured text is cached.
            await IngestAsync(runtime, $"warm-up-{run}", seed: WarmUpSeed + run, cancellationToken: cancellationToken);
        }, maxRuns: WarmUpRuns);
        host.Server.Latency = s_latency;
        var times = new List<double>();
        var cpu = new List<double>();
        var jit = new List<double>();
        var encoded = new List<int>();
        var calls = new Dictionary<string, int>();
        var timeline = new IngestTimeline();
        host.Server.Respond(timeline.Replied);
        var local = runtime.Embeddings.GetService(typeof(MiniLmEmbeddingGenerator)) as MiniLmEmbeddingGenerator;
        if (local is not null)
        {
            local.CallObserver = timeline.Embedded;
        }

        for (var run = 1; run <= runs; run++)
        {
            host.Server.ClearRequests();
            timeline.Start();
            var cpuBefore = Timed.CpuTime();
            var jitBefore = JitInfo.GetCompilationTime();
            var encodedBefore = local?.EncodedTexts ?? 0;
            times.Add(await IngestAsync(runtime, $"u{run}", seed: run, cancellationToken));
            cpu.Add((Timed.CpuTime() - cpuBefore).TotalMilliseconds);
            jit.Add((JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds);
            encoded.Add((local?.EncodedTexts ?? 0) - encodedBefore);
            calls = host.Server.ChatRequests
                .GroupBy(r => r.SchemaName() ?? "?")
                .ToDictionary(g => g.Key, g => g.Count());
        }

        var split = timeline.Describe(times[^1], s_latency, Concurrency);
        var stored = await runtime.Storage.Reasoning.GetAllAsync($"u{runs}", "lamp2", cancellationToken);
        var distinctTexts = stored.Select(r => r.FeatureText).Distinct(StringComparer.Ordinal).Count();

        // Where the time beyond the waves goes: the same ingest with an instant model, and the embeddings alone.
        host.Server.Latency = TimeSpan.Zero;
        var instantCpuBefore = Timed.CpuTime();
        var instant = await IngestAsync(runtime, "instant", seed: runs + 1, cancellationToken: cancellationToken);
        var instantCpu = (Timed.CpuTime() - instantCpuBefore).TotalMilliseconds;

        var batches = (items + options.BatchSize - 1) / options.BatchSize;
        // Features and reasoning take ceil(batches / concurrency) waves each; clustering one call, or
        // its chunks in parallel waves and then one merge (two levels).
        var clusterCalls = calls.GetValueOrDefault("user_factors");
        var clusterWaves = clusterCalls <= 1 ? clusterCalls : ((clusterCalls - 1 + Concurrency - 1) / Concurrency) + 1;
        var waves = (2 * ((batches + Concurrency - 1) / Concurrency)) + clusterWaves;
        var ideal = waves * s_latency.TotalMilliseconds;
        var median = Percentiles.Of(times, 50);
        var ratio = median / ideal;
        var floor = remoteEmbeddings
            ? "embeddings came from the server, off this machine's cores"
            : await EmbeddingFloorAsync(stored.Select(r => r.FeatureText).ToList(), median, ideal, cancellationToken);

        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"wall ≤ {maxRatio} × ideal"),
            string.Create(CultureInfo.InvariantCulture, $"{median:F0} ms = {ratio:F2} × ideal {ideal:F0} ms"),
            ratio <= maxRatio,
            [
                $"batch size {options.BatchSize}: {batches} batches per wave; ideal = {waves} dependent waves × {s_latency.TotalMilliseconds:F0} ms",
                "calls per stage in the last run: " + string.Join(", ", calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")),
                $"distinct feature texts stored in the last run: {distinctTexts} of {stored.Count} records, each one embedded"
                    + (local is null ? "" : $" (texts the local model encoded in each run, not answered by its cache: {string.Join(", ", encoded)})"),
                string.Create(CultureInfo.InvariantCulture, $"process CPU per run: {string.Join(", ", cpu.Select(c => $"{c:F0} ms"))} (client, server, embeddings, SQLite; 2 cores give {2 * ideal:F0} ms of CPU in the ideal wall time)"),
                string.Create(CultureInfo.InvariantCulture, $"of which JIT compilation (the runtime's tiering of this process, not the product's work): {string.Join(", ", jit.Select(j => $"{j:F0} ms"))}"),
                warmUp,
                $"same ingest with zero model latency: {instant:F0} ms wall, {instantCpu:F0} ms process CPU",
                floor,
                .. split.Select(line => "last run: " + line),
                "runs: " + string.Join(", ", times.Select(t => $"{t:F0} ms")) + string.Create(CultureInfo.InvariantCulture, $"; best {times.Min():F0} ms = {times.Min() / ideal:F2} × ideal"),
            ]);
    }

    // The last run's feature texts embedded by a local model without a cache, nothing else running: the least
    // time the local embeddings take on this machine, which no overlap with the model waits can beat.
    private static async Task<string> EmbeddingFloorAsync(List<string> texts, double median, double ideal, CancellationToken cancellationToken)
    {
        using var uncached = new MiniLmEmbeddingGenerator(cacheEntries: 0);
        await uncached.GenerateAsync(["warm up"], cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();
        var cpuBefore = Timed.CpuTime();
        var jitBefore = JitInfo.GetCompilationTime();
        await uncached.GenerateAsync(texts, cancellationToken: cancellationToken);
        var wall = clock.Elapsed.TotalMilliseconds;
        var cpu = (Timed.CpuTime() - cpuBefore).TotalMilliseconds;
        var jit = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        var bound = Math.Max(ideal, s_latency.TotalMilliseconds + wall);
        return string.Create(CultureInfo.InvariantCulture,
            $"embedding floor: the {texts.Count} feature texts embedded alone by an uncached local model take {wall:F0} ms wall ({wall / Math.Max(1, texts.Count):F1} ms a text), {cpu:F0} ms CPU ({jit:F0} ms of it JIT compilation); against max(ideal, first wave + that floor = {s_latency.TotalMilliseconds + wall:F0} ms) the median is {median / bound:F2} ×");
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
