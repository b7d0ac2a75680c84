namespace RpmKernel.AspNetCore.Auth;

/// <summary>Who made an authenticated request: the API key's name, its tenant and the operations it may call.</summary>
public sealed class RpmCaller
{
    internal RpmCaller(string keyName, string tenant, IReadOnlySet<RpmOperation> operations)
    {
        KeyName = keyName;
        Tenant = tenant;
        Operations = operations;
    }

    /// <summary>The key's name in configuration (<c>Rpm:Server:ApiKeys:&lt;name&gt;</c>); safe to log, unlike the key.</summary>
    public string KeyName { get; }

    /// <summary>The tenant whose users the key reaches.</summary>
    public string Tenant { get; }

    /// <summary>The operations the key may call.</summary>
    public IReadOnlySet<RpmOperation> Operations { get; }

    /// <summary>Whether the key may call <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation.</param>
    public bool Allows(RpmOperation operation) => Operations.Contains(operation);
}
