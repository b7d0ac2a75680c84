using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Cli.Output;

/// <summary>The <c>ingest --json</c> document: <c>{"users", "items", "reused", "failed", "usage"}</c>.</summary>
/// <param name="Users">Users ingested.</param>
/// <param name="Items">Reasoning records stored by this run.</param>
/// <param name="Reused">Records already stored (same id, query and answer) that were reused without model calls.</param>
/// <param name="Failed">Items not stored, each with stage and reason (and user, when the file held several).</param>
/// <param name="Usage">Model calls and tokens spent.</param>
internal sealed record IngestSummary(int Users, int Items, int Reused, IReadOnlyList<IngestFailure> Failed, TokenUsage Usage)
{
    public static IngestSummary From(IngestResult result) =>
        new(1, result.Items, result.Reused, [.. result.Failed.Select(f => new IngestFailure(null, f.ItemId, f.Stage, f.Error))], result.Usage);

    /// <summary>The summary of several users' ingests; every failure names its user.</summary>
    public static IngestSummary From(IReadOnlyList<IngestResult> results, IReadOnlyList<IngestFailure> userFailures) => new(
        results.Count,
        results.Sum(r => r.Items),
        results.Sum(r => r.Reused),
        [.. results.SelectMany(r => r.Failed.Select(f => new IngestFailure(r.UserId, f.ItemId, f.Stage, f.Error))), .. userFailures],
        results.Aggregate(TokenUsage.None, (sum, r) => sum + r.Usage));
}
