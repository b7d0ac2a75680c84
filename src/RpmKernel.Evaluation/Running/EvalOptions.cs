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

    /// <summary>Prompt versions to compare, each <c>STAGE=V1,V2</c> (an RPM stage or a baseline prompt); several form a grid. Empty = no comparison.</summary>
    public IReadOnlyList<string> Compare { get; init; } = [];

    /// <summary>Chat models to compare, each <c>M1,M2</c>; empty = no model comparison.</summary>
    public IReadOnlyList<string> CompareModels { get; init; } = [];

    /// <summary>Bootstrap resamples (and random permutations beyond 12 users) behind each interval and p-value.</summary>
    public int Resamples { get; init; } = 10_000;

    /// <summary>A baseline <c>report.json</c> to gate this run against (with <see cref="MaxDrop"/>); null = no gate.</summary>
    public string? Gate { get; init; }

    /// <summary>The largest drop allowed per metric name (<c>accuracy = 0.02</c>) against <see cref="Gate"/>, beyond the interval.</summary>
    public IReadOnlyDictionary<string, double> MaxDrop { get; init; } = new Dictionary<string, double>();

    /// <summary>The version of each baseline prompt the methods answer with (a comparison variant sets it); unlisted = v1.</summary>
    internal IReadOnlyDictionary<string, string> BaselineVersions { get; init; } = new Dictionary<string, string>();
}
