namespace RpmKernel.Core.History;

/// <summary>One (query, answer) pair from a user's history for one task.</summary>
/// <param name="Id">The item id, unique within the user's history for the task.</param>
/// <param name="Query">What the user was asked or asked for.</param>
/// <param name="Answer">What the user answered (a label, a score or free text, per task kind).</param>
/// <param name="Timestamp">When the answer was given, if known.</param>
public sealed record HistoryItem(string Id, string Query, string Answer, DateTimeOffset? Timestamp = null);
