using RpmKernel.Core.Errors;
using RpmKernel.Core.Features;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Evaluation.Methods;

/// <summary>What the ablations read of a user's RPM state: the user model and the features of a target query (stage 6).</summary>
internal static class RpmState
{
    public static IReadOnlyList<string> StagePrompts(EvalServices services, params string[] stages) =>
        stages.Select(s => $"{s}/{services.Runtime.Prompts.ActiveVersions[s]}").ToList();

    public static UserModel Model(UserContext user) => user.Model
        ?? throw new RpmModelOutputException($"User '{user.User.Id}' has no RPM model: no history item got through ingest, so RPM methods cannot answer for them.");

    public static async Task<(string FeatureText, string FactorsText)> TargetAsync(
        EvalServices services, UserContext user, string query, UsageLedger usage, CancellationToken cancellationToken)
    {
        var model = Model(user);
        var features = await services.TargetFeatures.ExtractAsync(user.Task, query, model.Factors, usage, cancellationToken).ConfigureAwait(false);
        return (FeatureText.Compose(features), FactorText.WithStatistics(model.Factors, model.ItemCount));
    }
}
