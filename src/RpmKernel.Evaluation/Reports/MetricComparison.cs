using System.Text.Json.Serialization;

namespace RpmKernel.Evaluation.Reports;

/// <summary>One metric of a comparison.</summary>
public sealed record MetricComparison
{
    /// <summary>The metric name (<c>accuracy</c>, <c>mae</c>, ...).</summary>
    public required string Name { get; init; }

    /// <summary>Variant A's value over every user.</summary>
    public required double A { get; init; }

    /// <summary>Variant B's value over every user.</summary>
    public required double B { get; init; }

    /// <summary>B − A (for MAE and RMSE a negative delta is an improvement).</summary>
    public required double Delta { get; init; }

    /// <summary>The 95 % paired bootstrap interval of <see cref="Delta"/> over users, low then high.</summary>
    public required IReadOnlyList<double> Ci95 { get; init; }

    /// <summary>The two-sided paired permutation p-value of <see cref="Delta"/>.</summary>
    public required double P { get; init; }

    /// <summary>False for MAE and RMSE (lower is better).</summary>
    [JsonIgnore]
    public bool HigherIsBetter => Name is not ("mae" or "rmse");

    /// <summary>True when the interval spans zero: no detectable difference, whatever the sign of <see cref="Delta"/>.</summary>
    [JsonIgnore]
    public bool SpansZero => Ci95.Count == 2 && Ci95[0] <= 0 && Ci95[1] >= 0;
}
