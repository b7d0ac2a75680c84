using RpmKernel.Core.Records;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Evaluation.Methods;

/// <summary>
/// <c>rpm-surface</c>: full RPM (stages 6 and 8 with the reasoning-enhanced records), except that the
/// examples are the records whose <em>query text</em> is nearest the target query, not its features.
/// </summary>
internal sealed class SurfaceRetrievalMethod : EvalMethod
{
    /// <summary>Creates the method.</summary>
    public SurfaceRetrievalMethod(EvalServices services)
        : base(MethodCatalog.RpmSurface, services)
    {
    }

    /// <inheritdoc />
    public override bool NeedsIngest => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Prompts =>
        RpmState.StagePrompts(Services, RpmStage.ExtractTargetFeatures, RpmStage.Generate);

    /// <inheritdoc />
    public override async Task<MethodAnswer> AnswerAsync(UserContext user, EvalTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        var usage = new UsageLedger();
        var (featureText, factorsText) = await RpmState.TargetAsync(Services, user, target.Query, usage, cancellationToken).ConfigureAwait(false);
        var records = (await Services.Runtime.Storage.Reasoning.GetAllAsync(user.User.Id, user.Task.Name, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.ItemId, StringComparer.Ordinal);

        // Rank the whole history by query text, then keep the K nearest that have a stored record.
        var nearest = await user.EmbeddingTopAsync(target.Query, user.User.History.Count, cancellationToken).ConfigureAwait(false);
        var examples = nearest.Where(n => records.ContainsKey(n.Item.Id))
            .Take(Services.TopK)
            .Select(n => new ScoredRecord(records[n.Item.Id], n.Score))
            .ToList();
        var answer = await Services.Generator.GenerateAsync(user.Task, target.Query, featureText, factorsText, examples, usage, cancellationToken).ConfigureAwait(false);
        return new MethodAnswer(answer.Answer, usage.Total);
    }
}
