namespace RpmKernel.Evaluation.Reports;

/// <summary>One variant's cost with one method: preprocessing (ingest) per user and inference per query.</summary>
public sealed record VariantCost
{
    /// <summary>Input plus output tokens of the ingest per user (0 for methods without one).</summary>
    public required double TokensPerUser { get; init; }

    /// <summary>Input plus output tokens per answered query.</summary>
    public required double TokensPerQuery { get; init; }

    /// <summary>Estimated preprocessing cost per user in USD; null when the model's price is unknown.</summary>
    public double? UsdPerUser { get; init; }

    /// <summary>Estimated inference cost per query in USD; null when the model's price is unknown.</summary>
    public double? UsdPerQuery { get; init; }
}
