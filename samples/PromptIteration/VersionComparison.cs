using System.Globalization;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Samples.PromptIteration;

/// <summary>Prints two runs of a prompt side by side: token figures, feature counts, and every item whose features changed.</summary>
public static class VersionComparison
{
    /// <summary>Writes the comparison of <paramref name="baseline"/> and <paramref name="candidate"/>.</summary>
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<HistoryItem> history, VersionRun baseline, VersionRun candidate)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        await output.WriteLineAsync($"{RpmStage.ExtractFeatures}: {baseline.Version} vs {candidate.Version} over {history.Count} items of user '{DemoUser.UserId}' ({DemoUser.Task})");
        await output.WriteLineAsync("version  calls  input tokens  output tokens  features  per item  factor labels");
        foreach (var run in new[] { baseline, candidate })
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{run.Version,-7}  {run.Usage.Calls,5}  {run.Usage.InputTokens,12}  {run.Usage.OutputTokens,13}  {run.FeatureCount,8}  {(double)run.FeatureCount / Math.Max(1, history.Count),8:0.0}  {run.FactorLabelCount,13}"));
        }

        await output.WriteLineAsync(
            $"tokens {baseline.Version} -> {candidate.Version}: input {Change(baseline.Usage.InputTokens, candidate.Usage.InputTokens)}, output {Change(baseline.Usage.OutputTokens, candidate.Usage.OutputTokens)}");

        var changed = history.Where(item => Describe(baseline, item.Id) != Describe(candidate, item.Id)).ToList();
        await output.WriteLineAsync($"items whose features differ: {changed.Count} of {history.Count}");
        foreach (var item in changed)
        {
            await output.WriteLineAsync($"{item.Id}  {Shorten(item.Query)}  (answer: {item.Answer})");
            await output.WriteLineAsync($"  {baseline.Version}: {Describe(baseline, item.Id)}");
            await output.WriteLineAsync($"  {candidate.Version}: {Describe(candidate, item.Id)}");
        }
    }

    private static string Describe(VersionRun run, string itemId) =>
        run.Features.TryGetValue(itemId, out var features)
            ? string.Join("; ", features.Select(Describe))
            : "(no features)";

    private static string Describe(Feature feature) => $"{feature.Name} [{feature.Factor}]";

    private static string Change(long from, long to) => from == 0
        ? $"{from} -> {to}"
        : string.Create(CultureInfo.InvariantCulture, $"{from} -> {to} ({(to - from) * 100.0 / from:+0.0;-0.0;0.0}%)");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
