using System.Diagnostics;
using System.Text;

namespace RpmKernel.Packaging.Tests.Support;

/// <summary>
/// Runs <c>dotnet</c> (or an installed tool) as a child process with a timeout, a clean environment
/// and the whole output kept, so a failure shows what the child printed.
/// </summary>
internal static class DotnetCommand
{
    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH), else <c>dotnet</c> on PATH.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Runs <paramref name="fileName"/> and returns its result, whatever the exit code.</summary>
    /// <param name="fileName">The program: <see cref="Host"/> or a tool's full path.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="workingDirectory">Its current directory.</param>
    /// <param name="timeout">How long it may run before it is killed and a <see cref="TimeoutException"/> thrown.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> args,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child sees neither the developer's model settings nor the variables the test host sets for
        // its own MSBuild, which would make a nested dotnet build use the wrong SDK pieces.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key == "OPENAI_API_KEY"
                || key.StartsWith("Rpm__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{fileName} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"'{Describe(fileName, args)}' in {workingDirectory} did not finish within {timeout.TotalSeconds:0} s.\n"
                + new CommandResult(Describe(fileName, args), -1, Snapshot(stdout), Snapshot(stderr)));
        }

        // The exit wait returns once the streams are drained, so the builders are complete.
        return new CommandResult(Describe(fileName, args), process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    /// <summary>Runs and asserts exit code 0, failing with the child's whole output otherwise.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        string fileName,
        IReadOnlyList<string> args,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var result = await RunAsync(fileName, args, workingDirectory, timeout, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private static string Describe(string fileName, IReadOnlyList<string> args) =>
        string.Join(' ', new[] { Path.GetFileName(fileName) }.Concat(args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)));
}
