namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/users/{userId}/personalize</c>.</summary>
/// <param name="Query">The new query to answer the way the user would.</param>
/// <param name="Task">The task profile name; null for <c>Rpm:Server:DefaultTask</c>.</param>
internal sealed record PersonalizeRequest(string? Query, string? Task);
