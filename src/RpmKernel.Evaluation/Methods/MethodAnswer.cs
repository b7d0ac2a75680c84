using RpmKernel.Core.Records;

namespace RpmKernel.Evaluation.Methods;

/// <summary>A method's answer to one target query, with the model calls and tokens it spent.</summary>
/// <param name="Output">The parsed answer (a label, a score, an option or text).</param>
/// <param name="Usage">Calls and tokens of this answer.</param>
public sealed record MethodAnswer(string Output, TokenUsage Usage);
