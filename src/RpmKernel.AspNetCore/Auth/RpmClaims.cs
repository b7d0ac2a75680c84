namespace RpmKernel.AspNetCore.Auth;

/// <summary>The claims the API-key handler issues.</summary>
internal static class RpmClaims
{
    /// <summary>The key's name in configuration.</summary>
    public const string KeyName = "rpm:key";

    /// <summary>The key's tenant.</summary>
    public const string Tenant = "rpm:tenant";

    /// <summary>One operation the key may call (one claim per operation).</summary>
    public const string Operation = "rpm:operation";
}
