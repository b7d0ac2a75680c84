namespace RpmKernel.Testing;

/// <summary>What a <see cref="FakeFault"/> does to the chat request that consumes it.</summary>
public enum FakeFaultKind
{
    /// <summary>Answer with an HTTP error status (and optional body and Retry-After header).</summary>
    Status,

    /// <summary>Wait, then answer normally.</summary>
    Delay,

    /// <summary>Answer 200 with the given raw text as the assistant content (malformed JSON, empty...).</summary>
    Content,
}
