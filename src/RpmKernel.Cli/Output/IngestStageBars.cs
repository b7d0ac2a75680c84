using System.Globalization;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using Spectre.Console;

namespace RpmKernel.Cli.Output;

/// <summary>
/// Moves one bar per ingest stage: a bar starts (and its clock with it) on the stage's first report, stops
/// when the stage reaches its total or the next stage starts, and keeps its final elapsed time after that.
/// </summary>
internal sealed class IngestStageBars : IProgress<IngestProgress>
{
    private static readonly string[] s_stages = [RpmStage.ExtractFeatures, RpmStage.ClusterFactors, RpmStage.ConstructReasoning];
    private readonly ProgressTask[] _bars;
    private readonly Lock _gate = new();

    public IngestStageBars(Func<string, ProgressTask> addBar)
    {
        ArgumentNullException.ThrowIfNull(addBar);
        _bars = [.. s_stages.Select(addBar)];
    }

    /// <summary>The stages whose bars this moves, in order.</summary>
    public static IReadOnlyList<string> Stages => s_stages;

    public void Report(IngestProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var index = s_stages.AsSpan().IndexOf(value.Stage);
            if (index < 0)
            {
                return;
            }

            // A later stage has begun, so the earlier ones are over (failed items may have kept them below their totals).
            for (var i = 0; i < index; i++)
            {
                Stop(_bars[i]);
            }

            var bar = _bars[index];
            if (bar.StopTime is not null)
            {
                return;
            }

            if (!bar.IsStarted)
            {
                bar.StartTask();
            }

            bar.MaxValue = Math.Max(1, value.Total);
            bar.Value = value.Done;
            bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {value.Done}/{value.Total}"));
            if (value.Done >= value.Total)
            {
                Stop(bar);
            }
        }
    }

    /// <summary>Stops every bar still running, at the end of the ingest; bars already stopped keep their time.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var bar in _bars)
            {
                Stop(bar);
            }
        }
    }

    private static void Stop(ProgressTask bar)
    {
        if (bar.StopTime is null)
        {
            bar.StopTask();
        }
    }
}
