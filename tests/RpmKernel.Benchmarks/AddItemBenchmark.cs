using System.Diagnostics;
using System.Globalization;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Benchmarks;

/// <summary>
/// One new item ingested into a 50,000-record history, against the ideal measured in the same run:
/// the same item ingested for a user with no history (its extraction, clustering and reasoning calls,
/// one embedding, one write). Time beyond the model calls and bytes allocated, medians of a few runs.
/// </summary>
internal sealed class AddItemBenchmark : IBenchmark
{
    private const int Records = 50_000;
    private const int Runs = 3;
    private const double TargetSeconds = 0.5;
    private const double TargetAllocatedMb = 300;

    public string Name => "add-item";

    public string Description => $"IngestAsync of one new item into a {Records:N0}-record history vs the same item for a new user, {Runs} runs each, SQLite, local MiniLM";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var runtime = host.Runtime(o => o.Chat.MaxConcurrency = 16);
        var seedClock = Stopwatch.StartNew();
        await SeededHistory.SeedUserAsync(runtime, "me", Records, seed: Records, cancellationToken);
        seedClock.Stop();

        // Warm-up of both paths: JIT, connections, the local model.
        await AddAsync(host, runtime, "warm", "w0", cancellationToken);
        await AddAsync(host, runtime, "me", "w1", cancellationToken);

        var ideal = new List<Added>();
        var long50k = new List<Added>();
        for (var run = 1; run <= Runs; run++)
        {
            ideal.Add(await AddAsync(host, runtime, $"new{run}", $"added-{run}", cancellationToken));
            long50k.Add(await AddAsync(host, runtime, "me", $"added-{run}", cancellationToken));
        }

        var stored = (await runtime.Storage.Reasoning.GetItemIdsAsync("me", "lamp2", cancellationToken)).Count;
        var model = await runtime.Pipeline.ExplainAsync("me", "lamp2", cancellationToken);
        if (stored != Records + 1 + Runs || model.ItemCount != stored)
        {
            throw new InvalidOperationException($"After the runs the store holds {stored} records and the user model claims {model.ItemCount}; expected {Records + 1 + Runs}.");
        }

        var idealSeconds = Percentiles.Of(ideal.Select(a => a.BeyondModelSeconds).ToList(), 50);
        var seconds = Percentiles.Of(long50k.Select(a => a.BeyondModelSeconds).ToList(), 50);
        var allocated = Percentiles.Of(long50k.Select(a => a.AllocatedMb).ToList(), 50);
        var idealAllocated = Percentiles.Of(ideal.Select(a => a.AllocatedMb).ToList(), 50);
        var cpu = Percentiles.Of(long50k.Select(a => a.CpuMs).ToList(), 50);
        var idealCpu = Percentiles.Of(ideal.Select(a => a.CpuMs).ToList(), 50);
        var met = seconds <= TargetSeconds && allocated <= TargetAllocatedMb;
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"≤ {TargetSeconds} s and ≤ {TargetAllocatedMb} MB beyond the model calls"),
            string.Create(CultureInfo.InvariantCulture, $"{seconds:F3} s ({seconds / idealSeconds:F2} × ideal {idealSeconds:F3} s), {allocated:F1} MB ({idealAllocated:F1} MB ideal)"),
            met,
            [
                string.Create(CultureInfo.InvariantCulture, $"seeded {Records:N0} records in {seedClock.Elapsed.TotalSeconds:F0} s"),
                "into 50,000 records: " + string.Join(", ", long50k.Select(a => a.ToString())),
                "ideal (new user, same item): " + string.Join(", ", ideal.Select(a => a.ToString())),
                string.Create(CultureInfo.InvariantCulture, $"process CPU per add (client, in-process server, SQLite; the steadier figure on a loaded machine): {cpu:F0} ms vs {idealCpu:F0} ms ideal = {cpu / idealCpu:F2} ×"),
                string.Create(CultureInfo.InvariantCulture, $"model calls per add: {long50k[^1].Calls} (ideal {ideal[^1].Calls}); {Timed.LoadAverage()}"),
            ]);
    }

    private static async Task<Added> AddAsync(BenchHost host, RpmRuntime runtime, string userId, string itemId, CancellationToken cancellationToken)
    {
        GC.Collect();
        var item = new HistoryItem(itemId, SyntheticHistory.Description(new Random(itemId.GetHashCode(StringComparison.Ordinal))), "comedy");
        var serverBefore = host.Server.HandlingTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Timed.CpuTime();
        var clock = Stopwatch.StartNew();
        var result = await runtime.Pipeline.IngestAsync(userId, "lamp2", [item], cancellationToken: cancellationToken);
        clock.Stop();
        var cpu = (Timed.CpuTime() - cpuBefore).TotalMilliseconds;
        if (result.Items != 1)
        {
            throw new InvalidOperationException($"Adding item '{itemId}' for '{userId}' stored {result.Items} items; failures: {result.Failed.Count}.");
        }

        var beyond = clock.Elapsed.TotalSeconds - (host.Server.HandlingTime - serverBefore).TotalSeconds;
        return new Added(beyond, cpu, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0, result.Usage.Calls);
    }

    private sealed record Added(double BeyondModelSeconds, double CpuMs, double AllocatedMb, long Calls)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{BeyondModelSeconds * 1000:F0} ms wall beyond the model, {CpuMs:F0} ms process CPU, {AllocatedMb:F1} MB");
    }
}
