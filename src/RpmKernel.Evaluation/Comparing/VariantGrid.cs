using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Methods;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Comparing;

/// <summary>
/// The variants of a comparison run: every combination of the values of the varied settings (a grid),
/// and the pairs the report compares: along each setting, each later value against the first, with the
/// other settings held at each of their values.
/// </summary>
internal static class VariantGrid
{
    /// <summary>Parses <c>--compare STAGE=V1,V2</c> (repeatable) and <c>--compare-model M1,M2</c> into axes; bad input is one clear error.</summary>
    public static IReadOnlyList<CompareAxis> Parse(IReadOnlyList<string> compare, IReadOnlyList<string> models, IReadOnlyList<string> baselines)
    {
        ArgumentNullException.ThrowIfNull(compare);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(baselines);
        var axes = new List<CompareAxis>();
        foreach (var spec in compare)
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? spec[..equals].Trim() : "";
            var values = equals > 0 ? Values(spec[(equals + 1)..]) : [];
            if (key.Length == 0 || values.Count == 0)
            {
                throw new RpmInputException($"--compare '{spec}' is not STAGE=V1,V2; write it like --compare generate=v1,v2.");
            }

            if (!RpmStage.All.Contains(key, StringComparer.Ordinal) && !baselines.Contains(key, StringComparer.Ordinal))
            {
                throw new RpmInputException(
                    $"--compare {spec}: there is no prompt '{key}'; the stages are {string.Join(", ", RpmStage.All)} and the baseline prompts {string.Join(", ", baselines)} (see `rpmk prompts list`).");
            }

            axes.Add(Axis(key, values, $"--compare {spec}"));
        }

        foreach (var spec in models)
        {
            axes.Add(Axis(EvalVariant.ModelKey, Values(spec), $"--compare-model {spec}"));
        }

        var repeated = axes.GroupBy(a => a.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? axes : throw new RpmInputException(
            $"{(repeated.Key == EvalVariant.ModelKey ? "--compare-model" : $"--compare {repeated.Key}")} is given twice; list every value once, like {repeated.Key}=v1,v2,v3.");
    }

    /// <summary>Every combination of the axes' values, the first being all first values (the base of every comparison).</summary>
    public static IReadOnlyList<EvalVariant> Variants(IReadOnlyList<CompareAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        IEnumerable<IReadOnlyList<(string, string)>> grid = [[]];
        foreach (var axis in axes)
        {
            grid = grid.SelectMany(prefix => axis.Values.Select(v => (IReadOnlyList<(string, string)>)[.. prefix, (axis.Key, v)])).ToList();
        }

        return grid.Select(o => new EvalVariant(o)).ToList();
    }

    /// <summary>The compared pairs: for each axis and each value after the first, the variant with the first value (A) and the one with that value (B), at every combination of the other axes.</summary>
    public static IReadOnlyList<(CompareAxis Axis, EvalVariant A, EvalVariant B)> Pairs(IReadOnlyList<CompareAxis> axes, IReadOnlyList<EvalVariant> variants)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(variants);
        var pairs = new List<(CompareAxis, EvalVariant, EvalVariant)>();
        foreach (var axis in axes)
        {
            foreach (var a in variants.Where(v => v.ValueOf(axis.Key) == axis.Values[0]))
            {
                foreach (var value in axis.Values.Skip(1))
                {
                    var b = variants.Single(v => v.Overrides.All(o => o.Key == axis.Key ? value == o.Value : a.ValueOf(o.Key) == o.Value));
                    pairs.Add((axis, a, b));
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// The methods a comparison runs when <c>--methods</c> is not given: <c>rpm</c> for an RPM stage or
    /// the model, and the methods answering with a varied baseline prompt.
    /// </summary>
    public static IReadOnlyList<string> DefaultMethods(IReadOnlyList<CompareAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var methods = axes.SelectMany(a => a.IsModel || RpmStage.All.Contains(a.Key, StringComparer.Ordinal) ? [MethodCatalog.Rpm] : MethodCatalog.UsingBaseline(a.Key)).ToHashSet(StringComparer.Ordinal);
        return MethodCatalog.All.Where(methods.Contains).ToList();
    }

    private static List<string> Values(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static CompareAxis Axis(string key, List<string> values, string option)
    {
        if (values.Count < 2)
        {
            throw new RpmInputException($"{option} names {values.Count} value(s); a comparison needs at least two, like {key}=v1,v2.");
        }

        var twice = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? new CompareAxis(key, values) : throw new RpmInputException($"{option} names '{twice.Key}' twice; list each value once.");
    }
}
