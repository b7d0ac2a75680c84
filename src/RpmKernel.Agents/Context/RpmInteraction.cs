namespace RpmKernel.Agents.Context;

/// <summary>A (query, answer) item the host chose to learn from an agent exchange.</summary>
/// <param name="Query">The query the user answered, such as the user's message.</param>
/// <param name="Answer">The user's answer, accepted by the task profile (for a classification task, one of its labels).</param>
public sealed record RpmInteraction(string Query, string Answer)
{
    /// <summary>The item's id (a message id, say); null derives one from the query and answer, so the same pair is learned once.</summary>
    public string? ItemId { get; init; }
}
