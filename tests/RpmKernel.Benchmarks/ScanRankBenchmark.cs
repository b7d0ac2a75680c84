using System.Diagnostics;
using System.Globalization;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Benchmarks;

/// <summary>
/// The scoped ranking alone, in one process: the 8-bit scan with exact re-ranking
/// (<c>ScopedVectors.Rank</c>) against the float dot product of every row (<c>RankEveryRow</c>,
/// the ranking it must reproduce), interleaved call by call over the same random unit rows, warm
/// and with the caches flushed first (as the local embedding leaves them in a personalize call).
/// </summary>
internal sealed class ScanRankBenchmark : IBenchmark
{
    private const int Dimensions = 384;
    private const int Top = 4;
    private const int Calls = 200;

    // More than the last-level cache, streamed through before each cold call.
    private static readonly byte[] s_flush = new byte[64 << 20];

    public string Name => "scan-rank";

    public string Description => $"scoped ranking of 500 / 5,000 / 50,000 × {Dimensions} rows, 8-bit scan vs every row's float dot product, warm and cache-cold, {Calls} calls each";

    public Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var details = new List<string>();
        var met = true;
        foreach (var count in new[] { 500, 5_000, 50_000 })
        {
            var random = new Random(count);
            var rows = new float[count * Dimensions];
            for (var i = 0; i < count; i++)
            {
                ScopedVectors.TryNormalizeInto(SeededHistory.UnitVector(random), rows, i);
            }

            var build = Stopwatch.StartNew();
            var vectors = new ScopedVectors(1, [.. Enumerable.Range(0, count).Cast<object>()], rows, Dimensions);
            build.Stop();

            // Both paths compiled to their final tier first.
            for (var call = 0; call < 2_000_000 / count; call++)
            {
                var query = SeededHistory.UnitVector(random);
                _ = vectors.Rank(query, Top);
                _ = vectors.RankEveryRow(query, Top);
            }

            foreach (var cold in new[] { false, true })
            {
                var codes = new List<double>();
                var floats = new List<double>();
                for (var call = 0; call < Calls; call++)
                {
                    var query = SeededHistory.UnitVector(random);
                    var byCodes = Time(() => vectors.Rank(query, Top), cold, codes);
                    var byFloats = Time(() => vectors.RankEveryRow(query, Top), cold, floats);
                    met &= byCodes.SequenceEqual(byFloats);
                }

                details.Add(Progress(string.Create(CultureInfo.InvariantCulture,
                    $"{count} rows {(cold ? "cold" : "warm")}: 8-bit scan p50 {Percentiles.Of(codes, 50):F3} ms vs every row {Percentiles.Of(floats, 50):F3} ms = {Percentiles.Of(codes, 50) / Percentiles.Of(floats, 50):F2}×; " +
                    $"codes built in {build.Elapsed.TotalMilliseconds:F0} ms; {Timed.LoadAverage()}")));
            }
        }

        return Task.FromResult(new BenchmarkOutcome(Name, "the same rows and scores as every row's float dot product", met ? "same" : "DIFFERENT", met, details));
    }

    private static List<(int Row, double Score)> Time(Func<List<(int Row, double Score)>> rank, bool cold, List<double> sample)
    {
        if (cold)
        {
            // Touches every cache line, so the rows are evicted as the embedding's buffers would.
            for (var i = 0; i < s_flush.Length; i += 64)
            {
                s_flush[i]++;
            }
        }

        var clock = Stopwatch.StartNew();
        var ranked = rank();
        sample.Add(clock.Elapsed.TotalMilliseconds);
        return ranked;
    }

    private static string Progress(string line)
    {
        Console.WriteLine("   ... " + line);
        return line;
    }
}
