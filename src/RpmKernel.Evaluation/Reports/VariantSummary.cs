namespace RpmKernel.Evaluation.Reports;

/// <summary>One variant of a comparison run: its overrides, where its own report lives, which ingest store it read, and its rows.</summary>
public sealed record VariantSummary
{
    /// <summary>The overrides, such as <c>generate=v2</c> or <c>model=gpt-4o</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its folder (predictions, report.md, report.json), relative to the run's output folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The ingest store it read (<c>ingest/&lt;fingerprint&gt;</c>); variants that differ only in online settings share one.</summary>
    public required string IngestStore { get; init; }

    /// <summary>The chat model it answered with.</summary>
    public required string Model { get; init; }

    /// <summary>Its method rows.</summary>
    public required IReadOnlyList<MethodRow> Methods { get; init; }

    /// <summary>Its preprocessing.</summary>
    public required PreprocessingUsage Preprocessing { get; init; }
}
