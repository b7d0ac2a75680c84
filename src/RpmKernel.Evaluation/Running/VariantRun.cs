using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Reports;

namespace RpmKernel.Evaluation.Running;

/// <summary>A finished run as the comparison and the gate read it: its report, the users in file order and every method's outputs by target id.</summary>
internal sealed record VariantRun(
    EvalReport Report,
    TaskProfile Task,
    IReadOnlyList<EvaluatedUser> Users,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Outputs);
