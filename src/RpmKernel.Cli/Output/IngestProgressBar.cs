using System.Globalization;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using Spectre.Console;

namespace RpmKernel.Cli.Output;

/// <summary>The progress bars of a single-user <c>rpmk ingest</c> on an interactive terminal: one per stage (Spectre.Console).</summary>
internal static class IngestProgressBar
{
    private static readonly string[] s_stages = [RpmStage.ExtractFeatures, RpmStage.ClusterFactors, RpmStage.ConstructReasoning];

    /// <summary>Runs <paramref name="run"/> while drawing each stage's progress.</summary>
    public static async Task<T> RunAsync<T>(Func<IProgress<IngestProgress>, Task<T>> run)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = s_stages.ToDictionary(stage => stage, stage => context.AddTask(Markup.Escape(stage), autoStart: false, maxValue: 1), StringComparer.Ordinal);
                result = await run(new BarProgress(bars)).ConfigureAwait(false);
                foreach (var bar in bars.Values)
                {
                    bar.StopTask();
                }
            }).ConfigureAwait(false);
        return result;
    }

    private sealed class BarProgress(Dictionary<string, ProgressTask> bars) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            if (!bars.TryGetValue(value.Stage, out var bar))
            {
                return;
            }

            bar.StartTask();
            bar.MaxValue = Math.Max(1, value.Total);
            bar.Value = value.Done;
            bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {value.Done}/{value.Total}"));
        }
    }
}
