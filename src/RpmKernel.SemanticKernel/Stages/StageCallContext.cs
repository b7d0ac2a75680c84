namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Whom an operation's stage calls are made for: every call is written to the usage ledger under
/// this user and task, and its response is cached under this user, so forgetting the user removes both.
/// </summary>
/// <param name="UserId">The user the calls are made for.</param>
/// <param name="Task">The task profile name.</param>
/// <param name="ReadCache">False to ask the model even when the response cache has an answer (a rebuild); answers are still cached.</param>
internal sealed record StageCallContext(string UserId, string Task, bool ReadCache = true);
