namespace RpmKernel.AspNetCore.RateLimiting;

/// <summary>
/// The request rate each API key may use (<c>Rpm:Server:RateLimit</c>): a fixed window of
/// <see cref="PermitsPerWindow"/> requests per <see cref="Window"/>, counted per key (by its name, never the key),
/// with up to <see cref="QueueLimit"/> requests waiting for the next window before a 429.
/// </summary>
public sealed class RpmRateLimitOptions
{
    /// <summary>Requests a key may make per window; 0 turns the limit off. Default 600.</summary>
    public int PermitsPerWindow { get; set; } = 600;

    /// <summary>The length of a window. Default one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests over the limit that wait for the next window instead of getting a 429 at once. Default 0.</summary>
    public int QueueLimit { get; set; }

    /// <summary>Per-key overrides, by the key's name in <c>Rpm:Server:ApiKeys</c> (<c>Rpm:Server:RateLimit:Keys:&lt;name&gt;:PermitsPerWindow</c>).</summary>
    public IDictionary<string, RpmKeyRateLimitOptions> Keys { get; } = new Dictionary<string, RpmKeyRateLimitOptions>(StringComparer.Ordinal);
}
