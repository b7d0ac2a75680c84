using System.CommandLine;
using System.CommandLine.Invocation;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;

namespace RpmKernel.Cli;

/// <summary>
/// The <c>rpmk</c> command as a callable entry point, so tests run exactly what the executable runs
/// with their own output writers and environment.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code: success.</summary>
    public const int Success = 0;

    /// <summary>Exit code: a runtime failure (a model call failed, an item could not be built).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>Exit code: bad usage, configuration or input.</summary>
    public const int InputError = 2;

    /// <summary>Exit code: <c>rpmk eval --gate</c> found a metric worse than the baseline report by more than <c>--max-drop</c> allows beyond the interval.</summary>
    public const int GateFailed = 3;

    /// <summary>Exit code: cancelled with Ctrl+C (128 + SIGINT, the shell convention).</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Runs <c>rpmk</c> on the process console; Ctrl+C cancels the running command. With
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the run's traces and metrics are exported over OTLP.
    /// </summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunConsoleAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl+C cancels cleanly; a second one is left to end the process at once.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        using var telemetry = OtlpExport.StartFromEnvironment();
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, environment: null, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>Runs <c>rpmk</c> with the given reader (what <c>--query -</c> reads) and writers.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdin">What <c>--query -</c> reads.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors (and, with <c>--verbose</c>, logs) go.</param>
    /// <param name="environment">Environment variables to read settings from; null reads the process environment.</param>
    /// <param name="cancellationToken">Cancels the running command.</param>
    /// <returns>The exit code: 0 success, 1 runtime failure, 2 bad usage/configuration/input, 130 cancelled.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var context = new CliContext(stdout, stderr, environment, stdin);
        try
        {
            return await RunAsync(context, args, cancellationToken);
        }
        finally
        {
            context.Flush();
        }
    }

    /// <summary>Runs <c>rpmk</c> with the given writers.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors (and, with <c>--verbose</c>, logs) go.</param>
    /// <param name="environment">
    /// Environment variables to read settings from (<c>Rpm__Chat__Endpoint</c>, <c>OPENAI_API_KEY</c>);
    /// null reads the process environment.
    /// </param>
    /// <param name="cancellationToken">Cancels the running command.</param>
    /// <returns>The exit code: 0 success, 1 runtime failure, 2 bad usage/configuration/input, 3 eval gate failed, 130 cancelled.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var context = new CliContext(stdout, stderr, environment);
        try
        {
            return await RunAsync(context, args, cancellationToken);
        }
        finally
        {
            context.Flush();
        }
    }

    private static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken)
    {
        var root = RpmCliHost.BuildRootCommand(context);
        var parseResult = root.Parse(args);
        var json = WantsJson(args);
        if (parseResult.Action is ParseErrorAction)
        {
            CliErrors.ReportParseErrors(parseResult, context, json);
            return InputError;
        }

        var verbose = parseResult.GetValue(context.Globals.Verbose);
        var invocation = new InvocationConfiguration
        {
            Output = context.Stdout,
            Error = context.Stderr,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C is handled by RunConsoleAsync's token, so in-process callers keep control.
            ProcessTerminationTimeout = null,
        };
        try
        {
            var code = await parseResult.InvokeAsync(invocation, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return code;
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, context, verbose, json, cancellationToken);
        }
    }

    /// <summary>Whether <c>--json</c> was given, read from the words so that even a command line that does not parse gets a JSON error.</summary>
    private static bool WantsJson(string[] args) =>
        args.TakeWhile(a => a != "--").Any(a => a == "--json" || a.StartsWith("--json=", StringComparison.Ordinal) && !a.EndsWith("=false", StringComparison.OrdinalIgnoreCase));
}
