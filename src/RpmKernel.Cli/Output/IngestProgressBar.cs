using RpmKernel.SemanticKernel.Pipeline;
using Spectre.Console;

namespace RpmKernel.Cli.Output;

/// <summary>The progress bars of a single-user <c>rpmk ingest</c> on an interactive terminal: one per stage (Spectre.Console).</summary>
internal static class IngestProgressBar
{
    /// <summary>Runs <paramref name="run"/> while drawing each stage's progress.</summary>
    public static async Task<T> RunAsync<T>(Func<IProgress<IngestProgress>, Task<T>> run)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new IngestStageBars(stage => context.AddTask(Markup.Escape(stage), autoStart: false, maxValue: 1));
                try
                {
                    result = await run(bars).ConfigureAwait(false);
                }
                finally
                {
                    bars.Complete();
                }
            }).ConfigureAwait(false);
        return result;
    }
}
