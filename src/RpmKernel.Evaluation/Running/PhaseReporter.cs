namespace RpmKernel.Evaluation.Running;

/// <summary>
/// Passes a run's progress on and remembers the last report, so the steps after the users (the
/// comparison's statistics, the gate) report with the run's totals and a share of their own. Each step
/// names itself (<c>comparing generate v1 → v2, rpm (1/2): accuracy bootstrap 4000/10000</c>).
/// </summary>
internal sealed class PhaseReporter : IProgress<EvalProgress>
{
    /// <summary>The word that starts the activity of a comparison's statistics.</summary>
    public const string ComparingActivity = "comparing";

    /// <summary>The word that starts the activity of the gate.</summary>
    public const string GateActivity = "gate";

    private readonly IProgress<EvalProgress>? _inner;
    private readonly Lock _gate = new();
    private EvalProgress? _last;

    public PhaseReporter(IProgress<EvalProgress>? inner)
    {
        _inner = inner;
    }

    /// <summary>Whether anybody listens; when not, the steps skip building their texts.</summary>
    public bool IsListened => _inner is not null;

    public void Report(EvalProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _last = value;
            _inner?.Report(value);
        }
    }

    /// <summary>Reports <paramref name="activity"/> at <paramref name="share"/> (0 to 1) of its step, with the run's last totals.</summary>
    public void Phase(string activity, double share)
    {
        if (_inner is null)
        {
            return;
        }

        lock (_gate)
        {
            _inner.Report((_last ?? new EvalProgress(0, null, 0, 0, 0)) with { Activity = activity, PhaseProgress = Math.Clamp(share, 0, 1) });
        }
    }

    /// <summary>Reports the run's last totals again, with no step, so the last line is the totals.</summary>
    public void Completed()
    {
        lock (_gate)
        {
            if (_last is { } last)
            {
                _inner?.Report(last with { Activity = null, PhaseProgress = null });
            }
        }
    }
}
