using System.Collections.Concurrent;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.Evaluation.Running;

/// <summary>What a finished run hands to the report: the users in file order and the journals.</summary>
internal sealed record ReportContext(
    TaskProfile Task,
    EvalOptions Options,
    string Model,
    CostEstimator Costs,
    int TopK,
    string OutputDirectory,
    IReadOnlyList<EvaluatedUser> Users,
    IReadOnlyDictionary<string, Journal> Predictions,
    Journal Ingests,
    ConcurrentDictionary<string, ConcurrentQueue<string>> Errors)
{
    /// <summary>The model that built the users' memories (construct-reasoning's), priced for the preprocessing; null for <see cref="Model"/>.</summary>
    public string? IngestModel { get; init; }

    /// <summary>The model that answered the queries (generate's, which the baselines use too), priced per query; null for <see cref="Model"/>.</summary>
    public string? ServeModel { get; init; }
}
