namespace RpmKernel.Core.Scopes;

/// <summary>An <see cref="IRpmScopeAccessor"/> that always answers the same scope (one user, one task).</summary>
public sealed class FixedScopeAccessor : IRpmScopeAccessor
{
    /// <summary>Creates an accessor bound to <paramref name="scope"/>.</summary>
    /// <param name="scope">The scope every call works for.</param>
    public FixedScopeAccessor(RpmScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Current = scope;
    }

    /// <inheritdoc />
    public RpmScope? Current { get; }
}
