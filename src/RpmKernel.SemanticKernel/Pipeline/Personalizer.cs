using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Features;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Telemetry;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>The online half of RPM (stages 6–8): target features, feature-based retrieval, and the answer.</summary>
internal sealed class Personalizer
{
    private readonly RpmStages _stages;
    private readonly IUserModelStore _models;
    private readonly IReasoningStore _records;
    private readonly RpmOptions _options;
    private readonly ILogger _logger;
    private readonly ModelFamilyCheck _families = new();

    public Personalizer(RpmStages stages, IUserModelStore models, IReasoningStore records, RpmOptions options, ILogger? logger = null)
    {
        _stages = stages;
        _models = models;
        _records = records;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    public async Task<PersonalizedAnswer> PersonalizeAsync(string userId, TaskProfile task, string query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new RpmInputException("The query is empty; pass the text to answer for the user.");
        }

        var model = await _models.GetAsync(userId, task.Name, cancellationToken).ConfigureAwait(false)
            ?? throw await PipelineErrors.NoModelAsync(_records, userId, task.Name, cancellationToken).ConfigureAwait(false);
        using var activity = RpmTelemetry.Source.StartActivity("rpm.personalize");
        if (_options.Chat.WarnOnModelFamilyChange && _families.WarnOnce(model, _stages.Models.ModelId(RpmStage.Generate)) is { } warning)
        {
            _logger.LogWarning("{Warning}", warning);
        }

        var usage = new UsageLedger(new StageCallContext(userId, task.Name));

        // Stage 6: factor-aware features of the query.
        var features = await _stages.TargetFeatures.ExtractAsync(task, query, model.Factors, usage, cancellationToken).ConfigureAwait(false);
        var featureText = FeatureText.Compose(features);

        // Stage 7: feature-based retrieval, a native kernel function.
        var examples = (await _stages.Kernel.InvokeAsync(_stages.Retrieval, new KernelArguments
        {
            ["userId"] = userId,
            ["task"] = task.Name,
            ["featureText"] = featureText,
            ["top"] = Math.Max(1, _options.Retrieval.TopK),
        }, cancellationToken).ConfigureAwait(false)).GetValue<IReadOnlyList<ScoredRecord>>() ?? [];

        // Stage 8: reasoning-aligned generation.
        var answer = await _stages.Generator.GenerateAsync(task, query, featureText,
            FactorText.WithStatistics(model.Factors, model.ItemCount), examples, usage, cancellationToken).ConfigureAwait(false);

        var versions = new Dictionary<string, string>(model.PromptVersions, StringComparer.Ordinal);
        foreach (var stage in new[] { RpmStage.ExtractTargetFeatures, RpmStage.Generate })
        {
            versions[stage] = _stages.Prompts.ActiveVersions[stage];
        }

        return new PersonalizedAnswer
        {
            Answer = answer.Answer,
            Reasoning = answer.Reasoning,
            Factors = model.Factors,
            Examples = examples.Select(e => new ExampleReference(e.Record.ItemId, e.Score)).ToList(),
            PromptVersions = versions,
            Usage = usage.Total,
        };
    }
}
