using System.Globalization;
using RpmKernel.Core.Errors;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Errors more than one part of the pipeline raises, worded once.</summary>
internal static class PipelineErrors
{
    /// <summary>The error for a user without records; <paramref name="taskHint"/> is the task to repeat in the command (<see cref="Prompts.TaskHint"/>).</summary>
    public static RpmNotFoundException NoHistory(string userId, string task, string? taskHint = null) => new(
        $"User '{userId}' has no ingested history for task '{task}'; run `rpmk ingest --user {userId} --task {taskHint ?? task} --history FILE` first.");

    /// <summary>
    /// The error for a user without a user model: "no history", or, when records of the user are
    /// stored (an ingest stopped after its last records and before the model), "ingest incomplete".
    /// </summary>
    public static async Task<RpmInputException> NoModelAsync(IReasoningStore records, string userId, string task, string? taskHint, CancellationToken cancellationToken)
    {
        var stored = await records.GetItemIdsAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return stored.Count == 0
            ? NoHistory(userId, task, taskHint)
            : new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The ingest of user '{userId}' for task '{task}' is incomplete: {stored.Count} records are stored but the user model was never written (the ingest was stopped). Rerun the same `rpmk ingest --user {userId} --task {taskHint ?? task} --history FILE`; stored items are reused."));
    }
}
