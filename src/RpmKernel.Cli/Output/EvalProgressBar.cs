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
                var progress = new BarProgress(bar, () => context.AddTask("eval: after the users", maxValue: 1));
                report = await run(progress).ConfigureAwait(false);
                bar.Value = bar.MaxValue;
                bar.StopTask();
                progress.Complete();
            }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>
    /// Moves the users bar by <see cref="EvalProgress.UsersProgress"/> (users done plus the finished share of those
    /// in flight), so it moves while users run; a step after the users (<see cref="EvalProgress.PhaseProgress"/>:
    /// the scoring, a comparison's statistics, the gate) gets a second bar of its own, added when the first such step starts.
    /// </summary>
    internal sealed class BarProgress(ProgressTask bar, Func<ProgressTask> addPhaseBar) : IProgress<EvalProgress>
    {
        private readonly Lock _gate = new();
        private ProgressTask? _phase;

        public void Report(EvalProgress value)
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                if (value.UsersTotal is { } total)
                {
                    bar.IsIndeterminate = false;
                    bar.MaxValue = Math.Max(1, total);
                    // Set, not raised: a comparison runs its variants one after another, each from 0 (the tracker keeps each from going back).
                    bar.Value = Math.Min(value.UsersProgress, total);
                }

                if (value.PhaseProgress is { } share)
                {
                    _phase ??= addPhaseBar();
                    _phase.Value = share;
                    _phase.Description = Markup.Escape(value.Activity ?? "");
                    bar.Description = Markup.Escape(EvalProgressLines.Format(value with { Activity = null }));
                    return;
                }

                bar.Description = Markup.Escape(EvalProgressLines.Format(value));
            }
        }

        /// <summary>Fills and stops the step bar, if there was one.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                if (_phase is { } phase)
                {
                    phase.Value = phase.MaxValue;
                    phase.StopTask();
                }
            }
        }
    }
}
