namespace RpmKernel.Evaluation.Running;

/// <summary>What the report keeps of an evaluated user: its position in the file, its id and its targets' ids and golds.</summary>
internal sealed record EvaluatedUser(long Index, string Id, IReadOnlyList<(string Id, string? Gold)> Targets);
