namespace RpmKernel.Agents.Context;

/// <summary>What <see cref="RpmContextProvider"/> adds to an agent run.</summary>
public enum RpmContextMode
{
    /// <summary>
    /// Stages 6–7: the user's factors and statistics as instructions, and the new query's features and
    /// the top-K past items (query, features, reasoning, answer) as a context message, so the agent's
    /// own model reasons like the user. One RPM model call per run.
    /// </summary>
    ReasoningExamples,

    /// <summary>
    /// As <see cref="ReasoningExamples"/>, and stage 8 as well: RPM's personalized answer and its reasoning
    /// are added as a second context message. Two RPM model calls per run.
    /// </summary>
    ReasoningExamplesAndAnswer,
}
