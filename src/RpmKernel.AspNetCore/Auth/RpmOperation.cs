namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// What an API key may do (<c>Rpm:Server:ApiKeys:&lt;n&gt;:Operations</c>). A key lists its operations by
/// name; a key that lists none may <see cref="Personalize"/> and <see cref="Explain"/> only.
/// </summary>
public enum RpmOperation
{
    /// <summary>Answer a query the way the user reasons (read-only).</summary>
    Personalize,

    /// <summary>Read a user's model: factors, statistics, provenance (read-only).</summary>
    Explain,

    /// <summary>Learn a user's history (starts an ingest job); writes the user's records and model.</summary>
    Ingest,

    /// <summary>Learn one new interaction of a user; writes the user's records and model.</summary>
    Observe,

    /// <summary>Erase what is stored about a user.</summary>
    Forget,

    /// <summary>Read the usage ledger (model calls, tokens, estimated cost) of the tenant's users.</summary>
    Usage,

    /// <summary>List the tenant's users.</summary>
    Users,
}
