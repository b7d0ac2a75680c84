using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Methods;

/// <summary><c>rpmk</c>: the product path, <see cref="SemanticKernel.Pipeline.RpmPipeline.PersonalizeAsync"/> (stages 6–8 with personalized reasoning paths).</summary>
internal sealed class FullRpmMethod : EvalMethod
{
    /// <summary>Creates the method.</summary>
    public FullRpmMethod(EvalServices services)
        : base(MethodCatalog.Rpm, services)
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
        _ = RpmState.Model(user);
        var answer = await Services.Runtime.Pipeline.PersonalizeAsync(user.User.Id, Services.TaskArgument, target.Query, cancellationToken).ConfigureAwait(false);
        return new MethodAnswer(answer.Answer, answer.Usage);
    }
}
