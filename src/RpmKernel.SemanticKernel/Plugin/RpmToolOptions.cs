using RpmKernel.Core.Scopes;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>
/// What RPM's tools let a model do. The default is read-only: <c>Personalize</c> and <c>ExplainUser</c>
/// for the user the host bound, for the scope's task. Learning and erasing as tools are opt-in, and each
/// such call still needs the host's <see cref="Approve"/> (no callback: every such call is refused).
/// </summary>
public sealed class RpmToolOptions
{
    /// <summary>
    /// Task names the model may choose between (bundled names such as <c>lamp2</c> or profile names, never
    /// paths). Empty (the default) or a single task: the tools take no <c>task</c> argument and work on the
    /// scope's task. Two or more: <c>Personalize</c> and <c>ExplainUser</c> take a <c>task</c> that must be
    /// one of these names.
    /// </summary>
    public IList<string> AllowedTasks { get; } = [];

    /// <summary>Exposes <c>IngestHistory</c> (writes the bound user's records and model) as a tool; each call goes through <see cref="Approve"/>.</summary>
    public bool AllowLearning { get; set; }

    /// <summary>Exposes <c>ForgetUser</c> (erases the bound user's data for the scope's task) as a tool; each call goes through <see cref="Approve"/>.</summary>
    public bool AllowForget { get; set; }

    /// <summary>
    /// Asked before every <c>IngestHistory</c> or <c>ForgetUser</c> tool call, with the bound scope and what the
    /// call would do; true lets it run. Null (the default) refuses every such call.
    /// </summary>
    public Func<RpmToolApproval, CancellationToken, ValueTask<bool>>? Approve { get; set; }

    /// <summary>
    /// Hears the full provenance of every <c>Personalize</c> tool call (factors, examples with scores, prompt
    /// versions, usage), which the model's tool result leaves out. Called on the tool's thread; keep it quick.
    /// </summary>
    public Action<RpmScope, Core.Records.PersonalizedAnswer>? OnPersonalized { get; set; }
}
