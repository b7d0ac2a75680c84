using RpmKernel.Core.History;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/users/{userId}/ingest</c>.</summary>
/// <param name="Items">The user's history: <c>[{"id", "query", "answer", "timestamp"?}]</c>.</param>
/// <param name="Task">The task profile name; null for <c>Rpm:Server:DefaultTask</c>.</param>
/// <param name="Rebuild">True to redo every item instead of reusing what is stored.</param>
internal sealed record IngestRequest(IReadOnlyList<HistoryItem>? Items, string? Task, bool Rebuild = false);
