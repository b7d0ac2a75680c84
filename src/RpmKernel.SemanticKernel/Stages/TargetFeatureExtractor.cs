using Microsoft.SemanticKernel;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Schemas;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Stage 6: factor-aware features of a new query, each tied to a user factor or <c>other</c>.</summary>
internal sealed class TargetFeatureExtractor
{
    /// <summary>The factor of a feature that bears on none of the user's factors.</summary>
    public const string OtherFactor = "other";

    private readonly StageInvoker _invoker;
    private readonly RefinedSchemaCache _schemas = new();

    /// <summary>Creates the stage.</summary>
    public TargetFeatureExtractor(StageInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <summary>Extracts the features of <paramref name="query"/>, with factors restricted to the user's.</summary>
    public async Task<IReadOnlyList<Feature>> ExtractAsync(
        TaskProfile task, string query, IReadOnlyList<FactorStatistics> factors, UsageLedger usage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentNullException.ThrowIfNull(factors);
        var allowed = factors.Select(f => f.Name).Append(OtherFactor).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var prompt = _invoker.Prompts.Get(RpmStage.ExtractTargetFeatures);
        var schema = _schemas.Replace(prompt.Schema, prompt.Path,
            SchemaEditor.StringEnum(allowed), "properties", "features", "items", "properties", "factor");
        var arguments = new KernelArguments
        {
            ["task"] = TaskArguments.For(task),
            ["query"] = query,
            ["factors"] = FactorText.Names(factors),
        };

        return await _invoker.InvokeAsync(RpmStage.ExtractTargetFeatures, schema, arguments,
            reply => FeatureReader.Read(reply, "reply", allowed), usage, cancellationToken).ConfigureAwait(false);
    }
}
