using Rpm.Evaluation.Datasets;
using Rpm.SemanticKernel.Prompts;

namespace Rpm.Evaluation.Methods;

/// <summary><c>rpm</c>: the product path, <see cref="SemanticKernel.Pipeline.RpmPipeline.PersonalizeAsync"/> (stages 6–8 with personalized reasoning paths).</summary>
public sealed class FullRpmMethod : EvalMethod
{
    private readonly EvalServices _services;

    /// <summary>Creates the method.</summary>
    public FullRpmMethod(EvalServices services)
        : base(MethodCatalog.Rpm)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <inheritdoc />
    public override bool NeedsIngest => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Prompts =>
        RpmState.StagePrompts(_services, RpmStage.ExtractTargetFeatures, RpmStage.Generate);

    /// <inheritdoc />
    public override async Task<MethodAnswer> AnswerAsync(UserContext user, EvalTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        _ = RpmState.Model(user);
        var answer = await _services.Runtime.Pipeline.PersonalizeAsync(user.User.Id, _services.TaskArgument, target.Query, cancellationToken).ConfigureAwait(false);
        return new MethodAnswer(answer.Answer, answer.Usage);
    }
}
