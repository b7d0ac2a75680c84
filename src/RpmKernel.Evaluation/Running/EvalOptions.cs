using RpmKernel.Evaluation.Methods;

namespace RpmKernel.Evaluation.Running;

/// <summary>What <c>rpmk eval</c> runs: the task, the data, the methods, the sample and where results go.</summary>
public sealed record EvalOptions
{
    /// <summary>The task: a bundled profile name or the path to a profile YAML.</summary>
    public required string Task { get; init; }

    /// <summary>The questions file: LaMP questions (<c>.json</c>), GlobalOpinionQA (<c>.csv</c>) or the user's JSONL (<c>.jsonl</c>).</summary>
    public required string Questions { get; init; }

    /// <summary>The LaMP outputs file with the golds; without it, predictions are written but not scored.</summary>
    public string? Outputs { get; init; }

    /// <summary>The methods, in report order (default: all).</summary>
    public IReadOnlyList<string> Methods { get; init; } = MethodCatalog.All;

    /// <summary>Users to sample (seeded reservoir sample, kept in file order); null = every user, streamed.</summary>
    public int? Users { get; init; }

    /// <summary>The seed of the user sample and of the history/target split.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The output folder (predictions, journals, the RPM store, report.md/json, chart.png).</summary>
    public string OutputDirectory { get; init; } = "eval-out";

    /// <summary>Users evaluated at once (each user's model calls are further bounded by <c>Rpm:Chat:MaxConcurrency</c>).</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Examples per answer; null = <c>Rpm:Retrieval:TopK</c>.</summary>
    public int? TopK { get; init; }
}
