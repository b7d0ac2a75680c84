namespace RpmKernel.Testing;

/// <summary>
/// A one-shot misbehaviour of <see cref="FakeOpenAIServer"/>, consumed by the next chat request
/// (first in, first out). Create with <see cref="Status"/>, <see cref="Delay"/> or <see cref="Content"/>.
/// </summary>
public sealed class FakeFault
{
    private FakeFault(FakeFaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>What this fault does.</summary>
    public FakeFaultKind Kind { get; }

    /// <summary>HTTP status for <see cref="FakeFaultKind.Status"/> faults.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Response body for status faults; null means an OpenAI-style error JSON.</summary>
    public string? Body { get; private init; }

    /// <summary>Value of the Retry-After header for status faults; null means no header.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>How long a <see cref="FakeFaultKind.Delay"/> fault waits before answering.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>Assistant content returned by a <see cref="FakeFaultKind.Content"/> fault.</summary>
    public string RawContent { get; private init; } = string.Empty;

    /// <summary>Answer the next chat request with an HTTP error.</summary>
    /// <param name="statusCode">Status code, 400-599 (for example 429 or 500).</param>
    /// <param name="body">Body to send; null sends an OpenAI-style error JSON.</param>
    /// <param name="retryAfter">When set, sent as a Retry-After header in whole seconds (rounded up) and as retry-after-ms.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Status(int statusCode, string? body = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfter is { } wait)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        }

        return new FakeFault(FakeFaultKind.Status) { StatusCode = statusCode, Body = body, RetryAfter = retryAfter };
    }

    /// <summary>Wait before answering the next chat request normally (to provoke client timeouts).</summary>
    /// <param name="duration">How long to wait; the wait ends early if the client disconnects.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Delay(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new FakeFault(FakeFaultKind.Delay) { Duration = duration };
    }

    /// <summary>Answer the next chat request with this exact assistant content.</summary>
    /// <param name="rawContent">Content such as malformed JSON or the empty string.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Content(string rawContent)
    {
        ArgumentNullException.ThrowIfNull(rawContent);
        return new FakeFault(FakeFaultKind.Content) { RawContent = rawContent };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FakeFaultKind.Status => $"Status {StatusCode}",
        FakeFaultKind.Delay => $"Delay {Duration}",
        _ => $"Content \"{RawContent}\"",
    };
}
