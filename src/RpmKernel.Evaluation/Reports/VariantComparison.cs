namespace RpmKernel.Evaluation.Reports;

/// <summary>
/// One comparison of a comparison run: variant B against variant A on the same users, targets and
/// method, along one varied setting (a prompt <see cref="Stage"/> or the <see cref="Model"/>).
/// </summary>
public sealed record VariantComparison
{
    /// <summary>The varied stage or baseline prompt (<c>--compare</c>); null when the model is varied.</summary>
    public string? Stage { get; init; }

    /// <summary>The varied model setting (<c>Chat:Model</c>) when the chat model is varied (<c>--compare-model</c>), the models being <see cref="A"/> and <see cref="B"/>; null otherwise.</summary>
    public string? Model { get; init; }

    /// <summary>The first value (the version or model the other is compared with).</summary>
    public required string A { get; init; }

    /// <summary>The compared value.</summary>
    public required string B { get; init; }

    /// <summary>The method both variants answered with.</summary>
    public required string Method { get; init; }

    /// <summary>The other varied settings, held equal on both sides (a grid); null when only one setting is varied.</summary>
    public IReadOnlyDictionary<string, string>? With { get; init; }

    /// <summary>Per metric: both values, B − A, its 95 % paired bootstrap interval over users and the paired permutation p-value; empty without golds.</summary>
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>Users where B beats, loses to or ties A on the task's first metric.</summary>
    public required UserWins Users { get; init; }

    /// <summary>What each side costs per user and per query.</summary>
    public required CostComparison Cost { get; init; }
}
