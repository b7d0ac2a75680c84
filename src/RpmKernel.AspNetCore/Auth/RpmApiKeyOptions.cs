namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// One API key of the server (<c>Rpm:Server:ApiKeys:&lt;n&gt;</c>): the key itself or its SHA-256 hash,
/// the tenant whose users it reaches, and the operations it may call.
/// </summary>
public sealed class RpmApiKeyOptions
{
    /// <summary>The key in clear (at least 16 characters). Set this or <see cref="KeyHash"/>, not both.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// The SHA-256 of the key's UTF-8 bytes as 64 hexadecimal digits (optionally prefixed <c>sha256:</c>), so the
    /// configuration never holds the key: <c>printf %s "$KEY" | sha256sum</c>.
    /// </summary>
    public string? KeyHash { get; set; }

    /// <summary>
    /// The tenant the key belongs to: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, at most 64 characters.
    /// Every user id the key names is stored as <c>&lt;tenant&gt;:&lt;userId&gt;</c>.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>The operations the key may call, by name (see <see cref="RpmOperation"/>); empty means Personalize and Explain.</summary>
    public IList<string> Operations { get; } = [];
}
