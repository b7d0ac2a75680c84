namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/users/{userId}/observe</c>.</summary>
/// <param name="Query">The query the user answered.</param>
/// <param name="Answer">The user's answer.</param>
/// <param name="ItemId">The item's id; null derives one from the query and answer.</param>
/// <param name="Task">The task profile name; null for <c>Rpm:Server:DefaultTask</c>.</param>
internal sealed record ObserveRequest(string? Query, string? Answer, string? ItemId, string? Task);
