using RpmKernel.Core.Scopes;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>A tool call that writes or erases data, waiting for the host's approval.</summary>
/// <param name="Tool">The tool the model called: <c>IngestHistory</c> or <c>ForgetUser</c>.</param>
/// <param name="Scope">The bound user and task the call would write or erase.</param>
/// <param name="Description">What the call would do, in one sentence for a person to confirm.</param>
/// <param name="ItemCount">For <c>IngestHistory</c>, how many history items the model sent; else null.</param>
public sealed record RpmToolApproval(string Tool, RpmScope Scope, string Description, int? ItemCount = null);
