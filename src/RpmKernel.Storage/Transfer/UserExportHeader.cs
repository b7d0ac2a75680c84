namespace RpmKernel.Storage.Transfer;

/// <summary>
/// The first line of an export: the format name and version, whose data it holds, and how many
/// lines of each kind follow, so a cut-short file is refused instead of imported in part.
/// </summary>
internal sealed record UserExportHeader
{
    public string Format { get; init; } = "";

    public int Version { get; init; }

    public string UserId { get; init; } = "";

    /// <summary>The one task exported, or null when every task of the user was.</summary>
    public string? Task { get; init; }

    public DateTimeOffset ExportedAt { get; init; }

    public string EmbeddingModel { get; init; } = "";

    public int EmbeddingDimensions { get; init; }

    public int Records { get; init; }

    public int UserModels { get; init; }

    public int UsageRows { get; init; }
}
