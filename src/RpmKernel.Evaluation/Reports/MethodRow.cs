namespace RpmKernel.Evaluation.Reports;

/// <summary>One row of the report: a method's metrics, model calls, tokens and estimated costs.</summary>
public sealed record MethodRow
{
    /// <summary>The method name.</summary>
    public required string Method { get; init; }

    /// <summary>The prompt files (stage or baseline key with version) the method answered with.</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>Target queries answered (from this run and earlier runs into the same folder).</summary>
    public required int Predictions { get; init; }

    /// <summary>Target queries without an answer (the model kept failing); scored as empty answers.</summary>
    public required int Failed { get; init; }

    /// <summary>The first failure, if any.</summary>
    public string? FirstError { get; init; }

    /// <summary>The task's metrics by name; empty when the golds are unknown.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Model calls spent answering.</summary>
    public required long Calls { get; init; }

    /// <summary>Input tokens spent answering.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Output tokens spent answering.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Mean model calls per answered query.</summary>
    public double CallsPerQuery => Predictions == 0 ? 0 : (double)Calls / Predictions;

    /// <summary>Estimated preprocessing cost per user in USD (the shared RPM ingest); 0 for methods without preprocessing, null when the model's price is unknown.</summary>
    public double? CostPerUserUsd { get; init; }

    /// <summary>Estimated inference cost per query in USD; null when the model's price is unknown.</summary>
    public double? CostPerQueryUsd { get; init; }

    /// <summary>The official-format predictions file.</summary>
    public required string PredictionsFile { get; init; }
}
