using System.Diagnostics;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Times repeated calls: wall-clock percentiles, plus the process CPU time per call, which a busy
/// shared machine inflates far less than wall time.
/// </summary>
internal static class Timed
{
    public static async Task<string> LoopAsync(int calls, Func<int, Task> call)
    {
        var wall = new List<double>(calls);
        var cpuBefore = CpuTime();
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            await call(i);
            wall.Add(clock.Elapsed.TotalMilliseconds);
        }

        return $"{Percentiles.Describe(wall)}; process CPU {(CpuTime() - cpuBefore).TotalMilliseconds / calls:F1} ms per call";
    }

    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average (Linux), to read the figures against.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + File.ReadAllText("/proc/loadavg").Split(' ')[0] : "load average unknown";
}
