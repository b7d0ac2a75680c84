using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RpmKernel.Benchmarks;

/// <summary>
/// One run of the built <c>rpmk</c> as a user starts it: wall time to its first line on stdout and to
/// its exit, and the CPU time it used (Linux: the children's resource usage before and after).
/// </summary>
internal sealed record ToolRun(int ExitCode, double FirstOutputMs, double ExitMs, double CpuMs, string Stdout, string Stderr)
{
    private const int RusageChildren = -1;

    /// <summary>The tool to time: <c>RPMK_TOOL</c> when set (a ReadyToRun publish, say), else the Release build of src/RpmKernel.Cli.</summary>
    public static string ToolPath()
    {
        var configured = Environment.GetEnvironmentVariable("RPMK_TOOL");
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Testing.RepositoryPaths.Root, "src", "RpmKernel.Cli", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "rpmk.exe" : "rpmk")
            : Path.GetFullPath(configured);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The tool '{path}' does not exist; build it with `dotnet build -c Release src/RpmKernel.Cli`, or set RPMK_TOOL to an rpmk executable.");
    }

    /// <summary>A second tool to time in turn with <see cref="ToolPath"/> (<c>RPMK_TOOL_BASELINE</c>), or null.</summary>
    public static string? BaselinePath()
    {
        var configured = Environment.GetEnvironmentVariable("RPMK_TOOL_BASELINE");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var path = Path.GetFullPath(configured);
        return File.Exists(path) ? path : throw new InvalidOperationException($"RPMK_TOOL_BASELINE names '{path}', which does not exist; set it to an rpmk executable.");
    }

    public static async Task<ToolRun> StartAsync(string tool, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        var firstOutput = -1.0;
        var cpuBefore = ChildrenCpuMs();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdout)
            {
                if (firstOutput < 0)
                {
                    firstOutput = clock.Elapsed.TotalMilliseconds;
                }

                stdout.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        var exit = clock.Elapsed.TotalMilliseconds;
        lock (stdout)
        {
            return new ToolRun(process.ExitCode, firstOutput, exit, ChildrenCpuMs() - cpuBefore, stdout.ToString(), stderr.ToString());
        }
    }

    private static double ChildrenCpuMs()
    {
        if (!OperatingSystem.IsLinux() || getrusage(RusageChildren, out var usage) != 0)
        {
            return double.NaN;
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int getrusage(int who, out Rusage usage);

    // struct rusage on 64-bit Linux: two timevals, then 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
