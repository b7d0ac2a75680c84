namespace RpmKernel.AspNetCore.Tests.Support;

/// <summary>The API keys every <see cref="RpmTestServer"/> is configured with.</summary>
internal static class TestKeys
{
    /// <summary>Tenant "acme", every operation.</summary>
    public const string AcmeAdmin = "acme-admin-key-0123456789abcdef";

    /// <summary>Tenant "acme", the default operations (Personalize, Explain).</summary>
    public const string AcmeReader = "acme-reader-key-0123456789abcdef";

    /// <summary>Tenant "acme", Explain only.</summary>
    public const string AcmeExplainer = "acme-explainer-key-0123456789abcdef";

    /// <summary>Tenant "globex", every operation; configured by its SHA-256 hash only.</summary>
    public const string GlobexAdmin = "globex-admin-key-0123456789abcdef";

    public const string AcmeTenant = "acme";

    public const string GlobexTenant = "globex";
}
