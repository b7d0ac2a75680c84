using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Cli.Output;

/// <summary>
/// The <c>add --json</c> document: <c>{"userId", "task", "itemId", "reused", "reclustered", "unmappedLabels",
/// "itemCount", "factors", "usage"}</c>.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Task">The task profile name.</param>
/// <param name="ItemId">The id of the item stored.</param>
/// <param name="Reused">True when the same item was already stored (no model call).</param>
/// <param name="Reclustered">True when factor clustering ran again.</param>
/// <param name="UnmappedLabels">The item's factor labels none of the user's factors covered.</param>
/// <param name="ItemCount">Items of the user model after the add (equal to the records stored).</param>
/// <param name="Factors">The user's factor names after the add.</param>
/// <param name="Usage">Model calls and tokens spent.</param>
internal sealed record AddSummary(
    string UserId, string Task, string ItemId, bool Reused, bool Reclustered, IReadOnlyList<string> UnmappedLabels, int ItemCount, IReadOnlyList<string> Factors, TokenUsage Usage)
{
    public static AddSummary From(ObserveResult result) => new(
        result.UserId, result.Task, result.ItemId, result.Reused, result.Reclustered, result.UnmappedLabels,
        result.Model.ItemCount, [.. result.Model.Factors.Select(f => f.Name)], result.Usage);
}
