using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Answers;
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

/// <summary>
/// The online half of RPM: <see cref="RetrieveAsync"/> runs stages 6–7 (target features and
/// feature-based retrieval), <see cref="GenerateAsync"/> stage 8 over what was retrieved.
/// </summary>
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

    public async Task<PersonalizedAnswer> PersonalizeAsync(string userId, TaskProfile task, string query, string taskHint, CancellationToken cancellationToken)
    {
        using var activity = RpmTelemetry.Source.StartActivity("rpm.personalize");
        // Stage 6's usage row and cached answer are written on the thread pool while the query is embedded and searched.
        var usage = UsageLedger.WritingBehind(new StageCallContext(userId, task.Name));
        PersonalizedAnswer answer;
        try
        {
            var context = await RetrieveAsync(userId, task, query, null, usage, taskHint, cancellationToken).ConfigureAwait(false);

            // Stage 8's writes are awaited as soon as its call returns: started inline, they skip the thread pool.
            usage.StopOverlapping();
            answer = await GenerateAsync(context, usage, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (usage.HasPendingWrites)
        {
            // What the failed operation paid for is stored before its failure is reported, as when each call waited.
            await WhenWrittenQuietlyAsync(usage).ConfigureAwait(false);
            throw;
        }

        await usage.WhenWrittenAsync().ConfigureAwait(false);
        return answer;
    }

    // The operation's own failure is the one to report; a write that failed too is logged.
    private async Task WhenWrittenQuietlyAsync(UsageLedger usage)
    {
        try
        {
            await usage.WhenWrittenAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The operation's failure is rethrown by the caller; this one is only logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "A usage row or cached answer of a failed personalize call could not be stored");
        }
    }

    /// <summary>Stages 6–7 for <paramref name="query"/>; <paramref name="top"/> overrides <c>Rpm:Retrieval:TopK</c>.</summary>
    public async Task<RetrievedContext> RetrieveAsync(
        string userId, TaskProfile task, string query, int? top, UsageLedger usage, string taskHint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new RpmInputException("The query is empty; pass the text to answer for the user.");
        }

        // An opinion answer must be one of the query's options; without them no model call can succeed.
        if (task.Kind == TaskKind.Opinion && OpinionOptions.Extract(query).Count == 0)
        {
            throw new RpmInputException(
                $"The query for task '{task.Name}' lists no options: add a line '{OpinionOptions.Header}' after the question, then one option per line (for example 'A. Agree'), so the answer can be one of them.");
        }

        var model = await _models.GetAsync(userId, task.Name, cancellationToken).ConfigureAwait(false)
            ?? throw await PipelineErrors.NoModelAsync(_records, userId, task.Name, taskHint, cancellationToken).ConfigureAwait(false);
        if (_options.Chat.WarnOnModelFamilyChange && _families.WarnOnce(model, _stages.Models.ModelId(RpmStage.Generate)) is { } warning)
        {
            _logger.LogWarning("{Warning}", warning);
        }

        // What stages 7 and 8 need first (a local embedding model above all) loads while stage 6's call is in flight.
        _stages.PrepareAnswering();

        // Stage 6: factor-aware features of the query.
        var features = await _stages.TargetFeatures.ExtractAsync(task, query, model.Factors, usage, cancellationToken).ConfigureAwait(false);
        var featureText = FeatureText.Compose(features);

        // Stage 7: feature-based retrieval, a native kernel function.
        var examples = (await _stages.Kernel.InvokeAsync(_stages.Retrieval, new KernelArguments
        {
            ["userId"] = userId,
            ["task"] = task.Name,
            ["featureText"] = featureText,
            ["top"] = Math.Max(1, top ?? _options.Retrieval.TopK),
        }, cancellationToken).ConfigureAwait(false)).GetValue<IReadOnlyList<ScoredRecord>>() ?? [];

        var versions = new Dictionary<string, string>(model.PromptVersions, StringComparer.Ordinal)
        {
            [RpmStage.ExtractTargetFeatures] = _stages.Prompts.ActiveVersions[RpmStage.ExtractTargetFeatures],
        };
        return new RetrievedContext
        {
            UserId = userId,
            Task = task.Name,
            Query = query,
            Features = features,
            FeatureText = featureText,
            Factors = model.Factors,
            ItemCount = model.ItemCount,
            Examples = examples,
            PromptVersions = versions,
            Usage = usage.Total,
            Profile = task,
        };
    }

    /// <summary>Stage 8 over a retrieved context; the answer's usage is what <paramref name="usage"/> counted.</summary>
    public async Task<PersonalizedAnswer> GenerateAsync(RetrievedContext context, UsageLedger usage, CancellationToken cancellationToken)
    {
        var task = context.Profile ?? throw new RpmInputException(
            "The context was not made by RetrieveContextAsync; call IRpmPipeline.RetrieveContextAsync and pass its result.");
        var answer = await _stages.Generator.GenerateAsync(task, context.Query, context.FeatureText,
            FactorText.WithStatistics(context.Factors, context.ItemCount), context.Examples, usage, cancellationToken).ConfigureAwait(false);
        var versions = new Dictionary<string, string>(context.PromptVersions, StringComparer.Ordinal)
        {
            [RpmStage.Generate] = _stages.Prompts.ActiveVersions[RpmStage.Generate],
        };
        return new PersonalizedAnswer
        {
            Answer = answer.Answer,
            Reasoning = answer.Reasoning,
            Factors = context.Factors,
            Examples = context.Examples.Select(e => new ExampleReference(e.Record.ItemId, e.Score) { Query = e.Record.Query }).ToList(),
            QueryFeatures = context.Features,
            FromCache = usage.CacheHits(RpmStage.Generate) > 0,
            PromptVersions = versions,
            Usage = usage.Total,
        };
    }
}
