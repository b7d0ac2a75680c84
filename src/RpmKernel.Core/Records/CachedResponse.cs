namespace RpmKernel.Core.Records;

/// <summary>
/// A model response kept in the content-addressed cache. <see cref="Hash"/> identifies the request
/// (model, rendered messages and settings); the entry belongs to one user so that forgetting the
/// user removes it.
/// </summary>
public sealed record CachedResponse
{
    /// <summary>The user the request was made for.</summary>
    public required string UserId { get; init; }

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>The stage that made the request.</summary>
    public required string Stage { get; init; }

    /// <summary>The content hash of the request (hex SHA-256).</summary>
    public required string Hash { get; init; }

    /// <summary>The response text.</summary>
    public required string Content { get; init; }

    /// <summary>Prompt tokens the original call spent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Completion tokens the original call spent.</summary>
    public long OutputTokens { get; init; }

    /// <summary>When the response was stored.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
