using System.Globalization;
using RpmKernel.Evaluation.Running;

namespace RpmKernel.Cli.Output;

/// <summary>
/// Progress of <c>rpmk eval</c> as plain lines on stderr, such as
/// <c>eval: 1/4 users, 3 predictions, 0 failed, 0 already done; user 310: extract-features 16/40</c>:
/// at most one a second, the first line of each step after the users (the scoring, a comparison's
/// statistics, the gate) at once, and always the last report (on <see cref="Complete"/>), so redirected
/// output shows every phase, moves through any step longer than a second, and ends with the totals.
/// </summary>
internal sealed class EvalProgressLines : IProgress<EvalProgress>
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private static readonly string[] s_phases = [EvalProgressTracker.ScoringActivity, PhaseReporter.ComparingActivity, PhaseReporter.GateActivity];
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long? _lastWritten;
    private EvalProgress? _written;
    private EvalProgress? _pending;

    public EvalProgressLines(TextWriter writer, TimeProvider? time = null)
    {
        _writer = writer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="run"/> while writing its progress as lines to <paramref name="writer"/>.</summary>
    public static async Task<T> RunAsync<T>(TextWriter writer, Func<IProgress<EvalProgress>, Task<T>> run)
    {
        var lines = new EvalProgressLines(writer);
        var result = await run(lines).ConfigureAwait(false);
        lines.Complete();
        return result;
    }

    /// <summary>The line of one report.</summary>
    public static string Format(EvalProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var users = value.UsersTotal is { } n ? string.Create(CultureInfo.InvariantCulture, $"{value.UsersDone}/{n}") : value.UsersDone.ToString(CultureInfo.InvariantCulture);
        var activity = value.Activity is null ? "" : "; " + value.Activity;
        return string.Create(CultureInfo.InvariantCulture,
            $"eval: {users} users, {value.Predictions} predictions, {value.Failed} failed, {value.Skipped} already done{activity}");
    }

    public void Report(EvalProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var phaseStarts = PhaseOf(value) is { } phase && (_written is null || PhaseOf(_written) != phase);
            var due = _lastWritten is not { } last || _time.GetElapsedTime(last) >= s_interval;
            _pending = value;
            if (due || phaseStarts)
            {
                Write(value);
            }
        }
    }

    /// <summary>Writes the last report heard, if it is not written yet.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_pending is { } pending)
            {
                Write(pending);
            }
        }
    }

    /// <summary>The step after the users that <paramref name="value"/> reports (its first word), or null while users run.</summary>
    private static string? PhaseOf(EvalProgress value) =>
        s_phases.FirstOrDefault(p => value.Activity?.StartsWith(p, StringComparison.Ordinal) == true);

    private void Write(EvalProgress value)
    {
        _pending = null;
        if (value == _written)
        {
            return;
        }

        _written = value;
        _lastWritten = _time.GetTimestamp();
        _writer.WriteLine(Format(value));
    }
}
