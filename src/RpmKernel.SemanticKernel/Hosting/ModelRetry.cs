namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// A model call about to be retried: which stage made it, how long the wait is, why, and which attempt
/// comes next. Raised from the resilience pipeline's OnRetry, so a command can show the wait instead of
/// going silent.
/// </summary>
/// <param name="Stage">The RPM stage whose call failed (extract-features, ...); null outside a stage (embeddings).</param>
/// <param name="Delay">How long until the next attempt (the backoff, or the server's Retry-After).</param>
/// <param name="Reason">What failed: <c>HTTP 429</c>, <c>HTTP 503</c>, an exception name.</param>
/// <param name="NextAttempt">The number of the attempt that follows the wait (2 for the first retry).</param>
/// <param name="MaxAttempts">All attempts allowed: Rpm:Chat:MaxRetries + 1.</param>
internal sealed record ModelRetry(string? Stage, TimeSpan Delay, string Reason, int NextAttempt, int MaxAttempts)
{
    /// <summary>The stage whose call is in flight on this async flow; set by the stage invoker around each call.</summary>
    internal static AsyncLocal<string?> CurrentStage { get; } = new();
}
