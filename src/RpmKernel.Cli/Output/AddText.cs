using System.Globalization;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Output;

/// <summary>The human-readable output of <c>rpmk add</c>.</summary>
internal static class AddText
{
    /// <summary>Writes what <c>add</c> did; <paramref name="taskArgument"/> is the task as given, so the hint repeats a profile path rather than its name.</summary>
    public static void Write(TextWriter writer, ObserveResult result, string taskArgument, string? configFile = null)
    {
        var what = result.Reused
            ? "already stored; nothing redone"
            : result.Reclustered
                ? result.UnmappedLabels.Count == 0
                    ? "factors clustered (the user had none yet)"
                    : $"factors clustered again for new labels: {string.Join(", ", result.UnmappedLabels)}"
                : "its labels map to the user's factors, which were kept";
        writer.WriteLine($"Added item {result.ItemId} for user '{result.UserId}' (task {result.Task}): {what}.");
        writer.WriteLine(CliHints.Repeat(
            string.Create(CultureInfo.InvariantCulture, $"User model: {result.Model.Factors.Count} factor(s) over {result.Model.ItemCount} item(s). See them with `rpmk explain --user {result.UserId} --task {TaskHint.For(taskArgument, result.Task)}`."),
            configFile));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Usage: {result.Usage.Calls} model call(s), {result.Usage.InputTokens} input tokens, {result.Usage.OutputTokens} output tokens."));
    }
}
