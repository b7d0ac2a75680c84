using Microsoft.SemanticKernel;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Evaluation.Methods;

/// <summary>
/// The lower rungs of the RPM ablation ladder: stage 6 (target features) and the factor statistics,
/// optionally with the (query, answer) pairs of the records retrieved by feature text (stage 7), answered
/// by an ablation prompt from <c>prompts/baselines/</c> (directly, or with a general chain of thought).
/// </summary>
internal sealed class LadderMethod : EvalMethod
{
    private readonly string _promptKey;
    private readonly bool _withPairs;

    /// <summary>Creates the method; the prompt is read and checked now.</summary>
    public LadderMethod(string name, EvalServices services, string prompt, bool withPairs, string version = PromptLibrary.DefaultVersion)
        : base(name, services)
    {
        _withPairs = withPairs;
        _promptKey = PromptLibrary.BaselineKey(prompt, version);
        _ = services.Invoker.Prompts.GetBaseline(prompt, version);
    }

    /// <inheritdoc />
    public override bool NeedsIngest => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Prompts => [.. RpmState.StagePrompts(Services, RpmStage.ExtractTargetFeatures), _promptKey];

    /// <inheritdoc />
    public override async Task<MethodAnswer> AnswerAsync(UserContext user, EvalTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        var usage = new UsageLedger();
        var (featureText, factorsText) = await RpmState.TargetAsync(Services, user, target.Query, usage, cancellationToken).ConfigureAwait(false);
        var arguments = new KernelArguments { ["features"] = featureText, ["factors"] = factorsText };
        if (_withPairs)
        {
            var records = await Services.Retriever.RetrieveAsync(user.User.Id, user.Task.Name, featureText, Services.TopK, cancellationToken).ConfigureAwait(false);
            arguments["examples"] = PromptedAnswer.Examples(records.Select(r => (r.Record.Query, r.Record.Answer)));
        }

        var output = await PromptedAnswer.AskAsync(Services, _promptKey, user.Task, target.Query, arguments, usage, cancellationToken).ConfigureAwait(false);
        return new MethodAnswer(output, usage.Total);
    }
}
