using System.Globalization;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Output;

/// <summary>The human-readable output of the commands (what <c>--json</c> replaces).</summary>
internal static class TextReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The ingest summary; <paramref name="taskArgument"/> is the task as given, so the hint repeats a profile path rather
    /// than its name, and <paramref name="configFile"/> the run's <c>--config</c>, which the hint repeats too.
    /// </summary>
    public static void Ingest(TextWriter writer, IngestResult result, string taskArgument, string? configFile = null)
    {
        writer.WriteLine(string.Create(Invariant, $"Ingested {Count(result.Items, "item")} for user '{result.UserId}' (task {result.Task}); {Reused(result.Reused)}{result.Failed.Count} failed."));
        foreach (var failed in result.Failed)
        {
            writer.WriteLine($"  failed {failed.ItemId} at {failed.Stage}: {failed.Error}");
        }

        if (result.Model is { } model)
        {
            writer.WriteLine(CliHints.Repeat(
                string.Create(Invariant, $"User model: {Count(model.Factors.Count, "factor")} over {Count(model.ItemCount, "item")}. See them with `rpmk explain --user {result.UserId} --task {SemanticKernel.Prompts.TaskHint.For(taskArgument, result.Task)}`."),
                configFile));
        }

        writer.WriteLine(Usage(result.Usage));
    }

    public static void IngestSummary(TextWriter writer, string task, IngestSummary summary)
    {
        writer.WriteLine(string.Create(Invariant, $"Ingested {Count(summary.Users, "user")} with {Count(summary.Items, "item")} (task {task}); {Reused(summary.Reused)}{summary.Failed.Count} failed."));
        foreach (var failed in summary.Failed)
        {
            writer.WriteLine($"  failed user {failed.UserId}, item {failed.ItemId} at {failed.Stage}: {failed.Error}");
        }

        writer.WriteLine(Usage(summary.Usage));
    }

    public static void Answer(TextWriter writer, PersonalizedAnswer answer)
    {
        writer.WriteLine(answer.FromCache ? $"Answer: {answer.Answer} (from the response cache; no model call)" : $"Answer: {answer.Answer}");
        writer.WriteLine();
        writer.WriteLine("Reasoning:");
        writer.WriteLine($"  {answer.Reasoning}");
        writer.WriteLine();
        writer.WriteLine("Factors (evidence = items behind the factor):");
        foreach (var factor in answer.Factors)
        {
            writer.WriteLine(string.Create(Invariant, $"  - {factor.Name}: evidence {factor.Evidence}, coverage {Percent(factor.Coverage)}; {Tendency(factor)}"));
        }

        if (answer.Factors.Count == 0)
        {
            writer.WriteLine("  (none)");
        }

        writer.WriteLine();
        writer.WriteLine("Features of the query (what retrieval compared):");
        foreach (var feature in answer.QueryFeatures)
        {
            writer.WriteLine($"  - {feature.Name} ({feature.Factor}): {Shorten(feature.Context, 80)}");
        }

        if (answer.QueryFeatures.Count == 0)
        {
            writer.WriteLine("  (none)");
        }

        writer.WriteLine();
        writer.WriteLine("Examples (most similar past items):");
        foreach (var example in answer.Examples)
        {
            var query = example.Query is { } text ? $" \"{Shorten(text, 70)}\"" : "";
            writer.WriteLine(string.Create(Invariant, $"  - {example.ItemId} (similarity {example.Score:0.000}){query}"));
        }

        if (answer.Examples.Count == 0)
        {
            writer.WriteLine("  (none)");
        }

        writer.WriteLine();
        writer.WriteLine(Usage(answer.Usage));
    }

    public static void Model(TextWriter writer, UserModel model, IReadOnlyList<StageModel>? stageModels = null)
    {
        writer.WriteLine(string.Create(Invariant, $"User '{model.UserId}', task {model.Task}: {Count(model.ItemCount, "item")}, built {model.BuiltAt:u} by {model.Model}."));
        if (model.Models.Count > 0)
        {
            writer.WriteLine($"Built by stage: {string.Join(", ", StageChatSettings.IngestStages.Where(model.Models.ContainsKey).Select(s => $"{s} {model.Models[s]}"))}");
        }

        if (stageModels is { Count: > 0 })
        {
            writer.WriteLine($"Stage models now: {string.Join(", ", stageModels.Select(m => $"{m.Stage} {m.Model} ({m.Source})"))}");
        }

        writer.WriteLine($"Prompt versions: {string.Join(", ", model.PromptVersions.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}");
        writer.WriteLine();
        var width = Math.Max("FACTOR".Length, model.Factors.Select(f => f.Name.Length).DefaultIfEmpty(0).Max());
        writer.WriteLine($"{"FACTOR".PadRight(width)}  EVIDENCE  COVERAGE  TENDENCY");
        foreach (var factor in model.Factors)
        {
            writer.WriteLine(string.Create(Invariant, $"{factor.Name.PadRight(width)}  {factor.Evidence,8}  {Percent(factor.Coverage),8}  {Tendency(factor)}"));
            if (!string.IsNullOrWhiteSpace(factor.Description))
            {
                writer.WriteLine($"{new string(' ', width)}  {factor.Description}");
            }
        }

        if (model.Factors.Count == 0)
        {
            writer.WriteLine("(no factors)");
        }
    }

    public static void Forget(TextWriter writer, string userId, string? task, ForgetReceipt receipt)
    {
        var scope = task is null ? "every task" : $"task {task}";
        writer.WriteLine(string.Create(Invariant, $"Forgot user '{userId}' ({scope}): {Count(receipt.Records, "record")}, {Count(receipt.Models, "user model")}, {Count(receipt.CacheEntries, "cache entry", "cache entries")}, {Count(receipt.UsageRows, "usage row")}."));
    }

    /// <summary>What the statistics say, in the form that fits the task kind.</summary>
    public static string Tendency(FactorStatistics factor)
    {
        if (factor.Propensity is { Count: > 0 } propensity)
        {
            return string.Join(", ", propensity
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(3)
                .Select(kv => $"{kv.Key} {Percent(kv.Value)}"));
        }

        if (factor.MeanScore is { } mean)
        {
            return string.Create(Invariant, $"mean score {mean:0.00}") + (factor.Lift is { } lift ? string.Create(Invariant, $" (lift {lift:+0.00;-0.00;0.00})") : "");
        }

        if (factor.Polarity is { } polarity)
        {
            return string.Create(Invariant, $"influence {factor.Influence:0.00}, base rate {factor.BaseRate:0.00}, polarity {polarity:+0.00;-0.00;0.00}");
        }

        return "no statistics";
    }

    private static string Usage(TokenUsage usage) =>
        string.Create(Invariant, $"Usage: {Count(usage.Calls, "model call")}, {usage.InputTokens} input tokens, {usage.OutputTokens} output tokens.");

    /// <summary>The reused clause of an ingest line; empty when nothing was reused, so a first ingest reads as before.</summary>
    private static string Reused(int reused) =>
        reused == 0 ? "" : string.Create(Invariant, $"{reused} already stored and reused without model calls; ");

    /// <summary>The text on one line, cut at a word boundary to at most <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= max)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', max - 1);
        return string.Concat(line.AsSpan(0, cut > max / 2 ? cut : max - 1), "…");
    }

    private static string Percent(double share) => share.ToString("0%", Invariant);

    private static string Count(int n, string singular, string? plural = null) =>
        string.Create(Invariant, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");
}
