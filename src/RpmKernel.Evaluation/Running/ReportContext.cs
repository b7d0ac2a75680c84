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
    ConcurrentDictionary<string, ConcurrentQueue<string>> Errors);
