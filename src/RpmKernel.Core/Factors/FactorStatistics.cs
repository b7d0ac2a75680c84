namespace RpmKernel.Core.Factors;

/// <summary>
/// A factor with the statistics of DESIGN.md §1.3. Every value is backed by <see cref="Evidence"/>
/// (<c>n_F</c>, the items where some feature maps to the factor), so a reader can tell a strong
/// tendency from a cold start. Values that do not apply to the task kind are null.
/// </summary>
public sealed record FactorStatistics
{
    /// <summary>The canonical factor name.</summary>
    public required string Name { get; init; }

    /// <summary>What the factor means for this user.</summary>
    public string Description { get; init; } = "";

    /// <summary>The proposed factor labels merged into this factor.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary><c>n_F</c>: the number of history items where some feature maps to the factor.</summary>
    public required int Evidence { get; init; }

    /// <summary><c>n_F / N</c>.</summary>
    public required double Coverage { get; init; }

    /// <summary>Discrete tasks: share of the factor's items answered with each observed label.</summary>
    public IReadOnlyDictionary<string, double>? Propensity { get; init; }

    /// <summary>Rating tasks: mean score of the factor's items.</summary>
    public double? MeanScore { get; init; }

    /// <summary>Rating tasks: <see cref="MeanScore"/> minus the mean score of all items.</summary>
    public double? Lift { get; init; }

    /// <summary>Generation tasks: share of the factor's items whose response reflects the factor.</summary>
    public double? Influence { get; init; }

    /// <summary>Generation tasks: share of the other items whose response reflects the factor.</summary>
    public double? BaseRate { get; init; }

    /// <summary>Generation tasks: <see cref="Influence"/> minus <see cref="BaseRate"/>, in [-1, 1].</summary>
    public double? Polarity { get; init; }
}
