using Rpm.Core.Records;
using Rpm.SemanticKernel.Pipeline;

namespace Rpm.Cli.Output;

/// <summary>The <c>ingest --json</c> document: <c>{"users", "items", "failed", "usage"}</c>.</summary>
/// <param name="Users">Users ingested.</param>
/// <param name="Items">Reasoning records stored.</param>
/// <param name="Failed">Items not stored, each with stage and reason.</param>
/// <param name="Usage">Model calls and tokens spent.</param>
internal sealed record IngestSummary(int Users, int Items, IReadOnlyList<FailedItem> Failed, TokenUsage Usage)
{
    public static IngestSummary From(IngestResult result) => new(1, result.Items, result.Failed, result.Usage);
}
