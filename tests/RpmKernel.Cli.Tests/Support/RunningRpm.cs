using System.Diagnostics;
using System.Text;

namespace RpmKernel.Cli.Tests.Support;

/// <summary>
/// A <c>rpmk</c> child process whose stderr the test reads while it runs, so a test can wait for a
/// line such as <c>waiting for another ingest of user alice</c> instead of sleeping.
/// </summary>
internal sealed class RunningRpm : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly string _command;
    private readonly Task<string> _stdout;
    private readonly Task _stderrPump;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private RunningRpm(Process process, IReadOnlyList<string> args)
    {
        _process = process;
        _command = "rpmk " + string.Join(' ', args);
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderrPump = PumpStderrAsync();
    }

    /// <summary>What the process has written to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    public static RunningRpm Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory) =>
        new(RpmProcess.Start(args, environment, workingDirectory), args);

    /// <summary>Returns once <paramref name="text"/> is on stderr; fails when the process ends (or 90 s pass) without writing it.</summary>
    public async Task WaitForStderrAsync(string text)
    {
        var started = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                await _stderrPump;
                if (Stderr.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"{_command} exited with {_process.ExitCode} without writing '{text}' to stderr:\n{Stderr}");
            }

            if (started.Elapsed > Timeout)
            {
                throw new TimeoutException($"{_command} did not write '{text}' to stderr within {Timeout.TotalSeconds} s:\n{Stderr}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the process to end and returns what it wrote.</summary>
    public async Task<CliResult> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_command} did not finish within {Timeout.TotalSeconds} s.");
        }

        await _stderrPump;
        return new CliResult(_process.ExitCode, await _stdout, Stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _stderrPump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[1024];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer)) > 0)
        {
            lock (_gate)
            {
                _stderr.Append(buffer, 0, read);
            }
        }
    }
}
