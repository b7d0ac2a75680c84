namespace RpmKernel.AspNetCore.RateLimiting;

/// <summary>One API key's override of <see cref="RpmRateLimitOptions"/>; an unset value keeps the server's.</summary>
public sealed class RpmKeyRateLimitOptions
{
    /// <summary>Requests this key may make per window; 0 turns the limit off for it.</summary>
    public int? PermitsPerWindow { get; set; }

    /// <summary>Requests of this key over the limit that wait for the next window.</summary>
    public int? QueueLimit { get; set; }
}
