using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Errors more than one part of the pipeline raises, worded once.</summary>
internal static class PipelineErrors
{
    public static RpmInputException NoHistory(string userId, string task) => new(
        $"User '{userId}' has no ingested history for task '{task}'; run `rpmk ingest --user {userId} --task {task} --history FILE` first.");
}
