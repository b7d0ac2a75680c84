using RpmKernel.Cli.Hosting;
using RpmKernel.Evaluation.Reports;
using RpmKernel.Evaluation.Running;
using Spectre.Console;

namespace RpmKernel.Cli.Output;

/// <summary>The progress bar of <c>rpmk eval</c> on an interactive terminal (Spectre.Console, on stderr so stdout stays the report).</summary>
internal static class EvalProgressBar
{
    /// <summary>True when stderr is the process's own, not redirected, terminal.</summary>
    public static bool IsAvailable(CliContext context) =>
        context.Environment is null && context.StderrIsTerminal;

    /// <summary>Runs <paramref name="run"/> while drawing its progress.</summary>
    public static async Task<EvalReport> RunAsync(Func<IProgress<EvalProgress>, Task<EvalReport>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        EvalReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("eval: reading users", maxValue: 1);
                bar.IsIndeterminate = true;
                report = await run(new BarProgress(bar)).ConfigureAwait(false);
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>Moves the bar by <see cref="EvalProgress.UsersProgress"/> (users done plus the finished share of those in flight), so it moves while users run.</summary>
    internal sealed class BarProgress(ProgressTask bar) : IProgress<EvalProgress>
    {
        private readonly Lock _gate = new();

        public void Report(EvalProgress value)
        {
            lock (_gate)
            {
                if (value.UsersTotal is { } total)
                {
                    bar.IsIndeterminate = false;
                    bar.MaxValue = Math.Max(1, total);
                    // Set, not raised: a comparison runs its variants one after another, each from 0 (the tracker keeps each from going back).
                    bar.Value = Math.Min(value.UsersProgress, total);
                }

                bar.Description = Markup.Escape(EvalProgressLines.Format(value));
            }
        }
    }
}
