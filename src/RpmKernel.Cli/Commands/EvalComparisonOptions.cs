using System.CommandLine;
using System.Globalization;
using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Comparing;
using RpmKernel.Evaluation.Running;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Commands;

/// <summary>The options of <c>rpmk eval</c> that compare variants (<c>--compare</c>, <c>--compare-model</c>, <c>--resamples</c>) or gate a run (<c>--gate</c>, <c>--max-drop</c>).</summary>
internal sealed class EvalComparisonOptions
{
    public Option<string[]> Compare { get; } = new("--compare")
    {
        Description = "Compare prompt versions of an RPM stage or baseline prompt on the same users (repeatable; several form a grid), e.g. --compare generate=v1,v2.",
        HelpName = "STAGE=V1,V2",
    };

    public Option<string?> CompareModel { get; } = new("--compare-model")
    {
        Description = "Compare chat models (Rpm:Chat:Model) on the same users, e.g. --compare-model gpt-4o-mini,gpt-4o; each model ingests into its own store.",
        HelpName = "M1,M2",
    };

    public Option<int> Resamples { get; } = new("--resamples")
    {
        Description = "Bootstrap resamples behind each 95% interval (and random permutations beyond 12 users); seeded by --seed.",
        HelpName = "N",
        DefaultValueFactory = _ => 10_000,
    };

    public Option<string?> Gate { get; } = new("--gate")
    {
        Description = "Gate this run against an earlier run's report.json: exit 3 when a --max-drop metric got worse by more than allowed beyond the interval.",
        HelpName = "BASELINE_REPORT.json",
    };

    public Option<string[]> MaxDrop { get; } = new("--max-drop")
    {
        Description = "How much worse a metric may get against --gate (repeatable), e.g. --max-drop accuracy=0.02 or --max-drop mae=0.1.",
        HelpName = "METRIC=VALUE",
    };

    public IEnumerable<Option> All => [Compare, CompareModel, Resamples, Gate, MaxDrop];

    /// <summary>Sets the comparison and gate options on <paramref name="eval"/>; when comparing without <c>--methods</c>, only the methods the varied settings affect run.</summary>
    public EvalOptions Apply(ParseResult parseResult, EvalOptions eval, bool methodsGiven, RpmOptions rpmOptions)
    {
        var compare = parseResult.GetValue(Compare) ?? [];
        IReadOnlyList<string> models = parseResult.GetValue(CompareModel) is { } m ? [m] : [];
        var result = eval with
        {
            Compare = compare,
            CompareModels = models,
            Resamples = parseResult.GetValue(Resamples),
            Gate = parseResult.GetValue(Gate),
            MaxDrop = (parseResult.GetValue(MaxDrop) ?? []).Select(ParseMaxDrop).ToDictionary(d => d.Metric, d => d.Value, StringComparer.Ordinal),
        };
        if (methodsGiven || (compare.Length == 0 && models.Count == 0))
        {
            return result;
        }

        // The axes are parsed again (and checked) by the runner; here only to pick the affected methods.
        var axes = VariantGrid.Parse(compare, models, PromptLibrary.Load(rpmOptions.Prompts).BaselineNames);
        return result with { Methods = VariantGrid.DefaultMethods(axes) };
    }

    private static (string Metric, double Value) ParseMaxDrop(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var metric = equals > 0 ? text[..equals].Trim() : "";
        return metric.Length > 0 && double.TryParse(text[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (metric, value)
            : throw new RpmInputException($"--max-drop '{text}' is not METRIC=VALUE; write it like --max-drop accuracy=0.02 (a drop of 2 points).");
    }
}
