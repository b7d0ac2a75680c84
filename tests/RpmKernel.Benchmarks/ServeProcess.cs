using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace RpmKernel.Benchmarks;

/// <summary>
/// One <c>rpmk serve --urls http://127.0.0.1:0</c> process of the built tool, started with the settings in its
/// environment; ready once it prints the address it listens on. Disposing stops it (and only it).
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The process's root, such as http://127.0.0.1:PORT/.</summary>
    public Uri Address { get; }

    /// <summary>Starts the process and waits until it listens.</summary>
    public static async Task<ServeProcess> StartAsync(string tool, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"rpmk serve exited before it listened: {stderr}"));
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(s_startTimeout, cancellationToken);
            return new ServeProcess(process, address);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
