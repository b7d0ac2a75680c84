using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Warms a benchmark's path until the runtime's JIT has settled. With tiered compilation (and PGO) every hot
/// method is compiled two or three times, the later tiers on a background thread, so one warm-up run of a
/// large path (Semantic Kernel, the OpenAI client, Kestrel, SQLite, System.Text.Json) leaves seconds of
/// compilation for the measured runs: on 2 cores, 1.0–1.7 s of JIT time in each 200-item ingest run after one
/// warm-up, beside 1.1–1.4 s of the ingest's own CPU. A long-running host pays that once, so the measured runs
/// start when a warm-up run spends at most <see cref="SettledShare"/> of its wall time compiling.
/// </summary>
internal static class JitSettling
{
    /// <summary>The share of a warm-up run's wall time spent in the JIT below which the runtime counts as settled.</summary>
    public const double SettledShare = 0.05;

    /// <summary>
    /// Runs <paramref name="warmUp"/> (given the run's index from 0) until a run spends at most <see cref="SettledShare"/>
    /// of its wall time in the JIT, or <paramref name="maxRuns"/> runs; returns a line describing the runs.
    /// </summary>
    public static async Task<string> WarmUpAsync(Func<int, Task> warmUp, int maxRuns)
    {
        var runs = new List<string>();
        for (var run = 0; run < maxRuns; run++)
        {
            var jitBefore = JitInfo.GetCompilationTime();
            var methodsBefore = JitInfo.GetCompiledMethodCount();
            var clock = Stopwatch.StartNew();
            await warmUp(run);
            var wall = clock.Elapsed.TotalMilliseconds;
            await DrainAsync();
            var jit = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
            runs.Add(string.Create(CultureInfo.InvariantCulture, $"{wall:F0} ms with {jit:F0} ms JIT ({JitInfo.GetCompiledMethodCount() - methodsBefore} methods)"));
            if (jit <= SettledShare * wall)
            {
                break;
            }
        }

        return $"warm-up runs, each followed by a pause until the background compilation it queued is done, until the JIT settled (at most {SettledShare:P0} of a run's wall time compiling, at most {maxRuns} runs): " + string.Join("; ", runs);
    }

    // The methods a run made hot are recompiled on a background thread after it: waits until no compilation has
    // happened for a while (or a few seconds), so the next run does not share the cores with the backlog.
    private static async Task DrainAsync()
    {
        var quietSince = Stopwatch.StartNew();
        var waited = Stopwatch.StartNew();
        var last = JitInfo.GetCompilationTime();
        while (quietSince.ElapsedMilliseconds < 300 && waited.ElapsedMilliseconds < 5_000)
        {
            await Task.Delay(50);
            var now = JitInfo.GetCompilationTime();
            if (now != last)
            {
                last = now;
                quietSince.Restart();
            }
        }
    }
}
