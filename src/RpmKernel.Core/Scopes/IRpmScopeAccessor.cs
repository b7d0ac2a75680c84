namespace RpmKernel.Core.Scopes;

/// <summary>
/// The host's answer to "whose data is this call about?": the signed-in user of an HTTP request,
/// the user bound to an agent session, or a fixed user. Implemented by the host.
/// </summary>
public interface IRpmScopeAccessor
{
    /// <summary>The scope of the current call, or null when the host has bound no user (the call is then refused).</summary>
    RpmScope? Current { get; }
}
