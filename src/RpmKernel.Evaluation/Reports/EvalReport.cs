using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Evaluation.Reports;

/// <summary>The result of <c>rpmk eval</c>: one row per method, the shared preprocessing, and the paper's reference costs.</summary>
public sealed record EvalReport
{
    /// <summary>The paper's preprocessing cost per user with gpt-4o-mini (USD).</summary>
    public const double PaperCostPerUserUsd = 0.058;

    /// <summary>The paper's inference cost per query with gpt-4o-mini (USD).</summary>
    public const double PaperCostPerQueryUsd = 0.0037;

    /// <summary>The task profile name.</summary>
    public required string Task { get; init; }

    /// <summary>The questions file.</summary>
    public required string Questions { get; init; }

    /// <summary>The chat model id.</summary>
    public required string Model { get; init; }

    /// <summary>The model that built the users' memories (construct-reasoning's); its price is <see cref="IngestPrice"/>.</summary>
    public string IngestModel { get; init; } = "";

    /// <summary>The model that answered the queries (generate's, also the baselines'); its price is <see cref="Price"/>.</summary>
    public string ServeModel { get; init; } = "";

    /// <summary>The sampling and split seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Examples per answer.</summary>
    public required int TopK { get; init; }

    /// <summary>Users evaluated.</summary>
    public required int Users { get; init; }

    /// <summary>Target queries per method.</summary>
    public required int Queries { get; init; }

    /// <summary>The task's metric names, in column order (the first is charted).</summary>
    public required IReadOnlyList<string> MetricNames { get; init; }

    /// <summary>One row per method, in the order asked.</summary>
    public required IReadOnlyList<MethodRow> Methods { get; init; }

    /// <summary>The shared RPM preprocessing (ingest) of the users, when an RPM method ran.</summary>
    public required PreprocessingUsage Preprocessing { get; init; }

    /// <summary>The configured price (<c>Rpm:Pricing</c>) of the serving model the per-query estimates use, in USD per million input and output tokens; null when it has none.</summary>
    public RpmModelPrice? Price { get; init; }

    /// <summary>The configured price of the ingest model the preprocessing estimates use; null when it has none.</summary>
    public RpmModelPrice? IngestPrice { get; init; }

    /// <summary>The paper's reference figures with gpt-4o-mini.</summary>
    public string Reference { get; init; } =
        "Paper (RPM, ICLR 2026) with gpt-4o-mini: about $0.058 preprocessing per user and $0.0037 inference per query.";

    /// <summary>The comparisons of a comparison run (<c>--compare</c>, <c>--compare-model</c>); null otherwise. The rows above are the first variant's.</summary>
    public IReadOnlyList<VariantComparison>? Comparison { get; init; }

    /// <summary>The variants of a comparison run, the first being the base of every comparison; null otherwise.</summary>
    public IReadOnlyList<VariantSummary>? Variants { get; init; }

    /// <summary>The regression gate (<c>--gate</c>); null when the run was not gated.</summary>
    public GateReport? Gate { get; init; }
}
