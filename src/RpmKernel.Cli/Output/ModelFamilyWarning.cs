using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Output;

/// <summary>
/// The warning <c>personalize</c> prints on stderr when <c>Rpm:Chat:WarnOnModelFamilyChange</c> is on
/// and the user's memory was built by a model of another family than the serving one. With
/// <c>--verbose</c> the pipeline's log already carries it, so it is not printed twice.
/// </summary>
internal static class ModelFamilyWarning
{
    public static async Task WriteAsync(CliContext context, ParseResult parseResult, RpmRuntime runtime, string userId, string task, CancellationToken cancellationToken)
    {
        if (!runtime.Options.Chat.WarnOnModelFamilyChange || parseResult.GetValue(context.Globals.Verbose))
        {
            return;
        }

        var built = await runtime.Pipeline.ExplainAsync(userId, task, cancellationToken).ConfigureAwait(false);
        var serving = runtime.StageModels.First(m => m.Stage == RpmStage.Generate).Model;
        if (ModelFamilyCheck.Warning(built, serving) is { } warning)
        {
            await context.Stderr.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }
    }
}
