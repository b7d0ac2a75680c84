using System.Diagnostics;

namespace RpmKernel.Cli.Tests.Support;

/// <summary>Runs the built <c>rpmk.dll</c> with <c>dotnet</c> as a child process.</summary>
internal static class RpmProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The CLI as built: the RpmKernel.Cli output folder of the same configuration as the tests (it holds
    /// rpmk.deps.json and the bundled files), or the copy next to the test assembly.
    /// </summary>
    public static string RpmDll
    {
        get
        {
            var testDir = AppContext.BaseDirectory;
            var configuration = new DirectoryInfo(testDir).Parent?.Name ?? "Debug";
            var candidates = new[]
            {
                Path.Combine(RpmKernel.Testing.RepositoryPaths.Root, "src", "RpmKernel.Cli", "bin", configuration, "net10.0", "rpmk.dll"),
                Path.Combine(testDir, "rpmk.dll"),
            };
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException($"rpmk.dll was not found at {string.Join(" or ", candidates)}; build src/RpmKernel.Cli first.");
        }
    }

    /// <param name="args">The rpmk arguments.</param>
    /// <param name="environment">Variables to set; OPENAI_API_KEY and every Rpm__ variable of this process are removed first.</param>
    /// <param name="workingDirectory">The child's current directory.</param>
    /// <param name="whileRunning">Runs once the process has started (for example to send it a signal).</param>
    public static async Task<CliResult> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        Func<Process, Task>? whileRunning = null)
    {
        using var process = Start(args, environment, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(process).WaitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rpmk {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the built <c>rpmk.dll</c> with stdout and stderr redirected; the caller reads them and waits for the exit.</summary>
    /// <param name="args">The rpmk arguments.</param>
    /// <param name="environment">Variables to set; OPENAI_API_KEY and every Rpm__ variable of this process are removed first.</param>
    /// <param name="workingDirectory">The child's current directory.</param>
    public static Process Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(RpmDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must see only the settings the test gives it, never the developer's key or store.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key == "OPENAI_API_KEY" || key.StartsWith("Rpm__", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
