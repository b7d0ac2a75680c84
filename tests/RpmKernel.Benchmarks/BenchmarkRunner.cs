using System.Diagnostics;

namespace RpmKernel.Benchmarks;

/// <summary>Picks the benchmarks named on the command line, runs them in Release, and prints target vs measured.</summary>
internal static class BenchmarkRunner
{
    private static readonly IBenchmark[] s_all =
    [
        new PersonalizeBenchmark(),
        new PersonalizeScaleBenchmark(),
        new PersonalizeLoopBenchmark(),
        new EmbeddingGapBenchmark(),
        new ScanRankBenchmark(),
        new ModelStackBenchmark(),
        new IngestWaveBenchmark(),
        new IngestWaveBenchmark("ingest-200", items: 200, runs: 3, maxRatio: 1.15),
        new IngestWaveBenchmark("ingest-1000", items: 1_000, runs: 2, maxRatio: 1.15),
        new IngestWaveBenchmark("ingest-1000-remote", items: 1_000, runs: 2, maxRatio: 1.15, remoteEmbeddings: true),
        new LocalEmbeddingBenchmark(),
        new EmbeddingWorkersBenchmark(),
        new EvalOverlapBenchmark(),
        new AddItemBenchmark(),
        new PromptTokenBenchmark(),
        new LampStreamBenchmark(),
        new ObserveBenchmark(),
        new ColdStartBenchmark(),
        new BatchApiCostBenchmark(),
        new ScaleOutBenchmark(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var name = args.Length == 0 ? "" : args[0];
        var chosen = name == "all" ? s_all : s_all.Where(b => b.Name == name).ToArray();
        if (chosen.Length == 0)
        {
            Console.Error.WriteLine($"Unknown benchmark '{name}'. Run one of: {string.Join(", ", s_all.Select(b => b.Name))}, all.");
            return 2;
        }

#if DEBUG
        Console.Error.WriteLine("warning: a Debug build; run with -c Release for figures worth reporting.");
#endif
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var outcomes = new List<BenchmarkOutcome>();
        foreach (var benchmark in chosen)
        {
            Console.WriteLine();
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description} ({Timed.LoadAverage()} at start)");
            var clock = Stopwatch.StartNew();
            var outcome = await benchmark.RunAsync(CancellationToken.None);
            foreach (var line in outcome.Details)
            {
                Console.WriteLine("   " + line);
            }

            Console.WriteLine($"   {(outcome.Met ? "MET" : "MISSED")}: target {outcome.Target}; measured {outcome.Measured} ({clock.Elapsed.TotalSeconds:F0} s, {Timed.LoadAverage()} at end)");
            outcomes.Add(outcome);
        }

        Console.WriteLine();
        Console.WriteLine("| benchmark | target | measured | met |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var o in outcomes)
        {
            Console.WriteLine($"| {o.Name} | {o.Target} | {o.Measured} | {(o.Met ? "yes" : "no")} |");
        }

        return outcomes.All(o => o.Met) ? 0 : 1;
    }
}
