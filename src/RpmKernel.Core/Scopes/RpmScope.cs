using RpmKernel.Core.Errors;

namespace RpmKernel.Core.Scopes;

/// <summary>
/// Whose data an RPM call reads or writes: one user and one task profile. The host supplies it (the
/// signed-in user, the agent session, the command line); a model never chooses it.
/// </summary>
public sealed record RpmScope
{
    /// <summary>Creates a scope for <paramref name="userId"/> and <paramref name="task"/>.</summary>
    /// <param name="userId">The user, as the host identifies them.</param>
    /// <param name="task">A bundled task profile name (<c>lamp2</c>) or the path of a profile YAML the host chose.</param>
    /// <exception cref="RpmInputException">The user id or the task is empty.</exception>
    public RpmScope(string userId, string task)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new RpmInputException("The scope's user id is empty; the host must say which user RPM works for.");
        }

        if (string.IsNullOrWhiteSpace(task))
        {
            throw new RpmInputException("The scope's task is empty; give a bundled task name (lamp2, lamp3, lamp5, goqa) or a profile path.");
        }

        UserId = userId;
        Task = task;
    }

    /// <summary>The user the call works for.</summary>
    public string UserId { get; }

    /// <summary>The task profile: a bundled name or a host-chosen profile path.</summary>
    public string Task { get; }

    /// <inheritdoc />
    public override string ToString() => $"{UserId}/{Task}";
}
