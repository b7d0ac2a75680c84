namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>What removing one history item did to the user's data.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Task">The task profile name.</param>
/// <param name="ItemId">The removed item.</param>
/// <param name="ItemCount">The records left, which is the rebuilt model's item count (0: the model was deleted too).</param>
/// <param name="DroppedFactors">Factors the item was the only evidence of, dropped from the model.</param>
internal sealed record ItemRemoval(string UserId, string Task, string ItemId, int ItemCount, IReadOnlyList<string> DroppedFactors);
