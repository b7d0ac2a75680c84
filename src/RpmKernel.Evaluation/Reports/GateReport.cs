namespace RpmKernel.Evaluation.Reports;

/// <summary>The regression gate (<c>--gate BASELINE --max-drop METRIC=VALUE</c>): every check, and whether all passed.</summary>
public sealed record GateReport
{
    /// <summary>The baseline report the run was gated against.</summary>
    public required string Baseline { get; init; }

    /// <summary>True when no check failed.</summary>
    public bool Passed => Checks.All(c => !c.Failed);

    /// <summary>One check per method and gated metric.</summary>
    public required IReadOnlyList<GateCheck> Checks { get; init; }
}
