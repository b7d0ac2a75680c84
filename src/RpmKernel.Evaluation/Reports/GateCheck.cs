namespace RpmKernel.Evaluation.Reports;

/// <summary>One gated metric of one method against the baseline report.</summary>
public sealed record GateCheck
{
    /// <summary>The method.</summary>
    public required string Method { get; init; }

    /// <summary>The metric.</summary>
    public required string Metric { get; init; }

    /// <summary>The baseline's value.</summary>
    public required double Baseline { get; init; }

    /// <summary>This run's value.</summary>
    public required double Current { get; init; }

    /// <summary>How much worse this run is (positive = worse; for MAE and RMSE a higher value is worse).</summary>
    public required double Drop { get; init; }

    /// <summary>The 95 % paired bootstrap interval of <see cref="Drop"/> over users, low then high.</summary>
    public required IReadOnlyList<double> Ci95 { get; init; }

    /// <summary>The allowed drop.</summary>
    public required double MaxDrop { get; init; }

    /// <summary>True when even the low end of the interval drops more than <see cref="MaxDrop"/>.</summary>
    public required bool Failed { get; init; }
}
