using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Comparing;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Metrics;
using RpmKernel.Evaluation.Reports;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Statistics;

namespace RpmKernel.Evaluation.Gates;

/// <summary>
/// The regression gate: pairs this run's predictions with a baseline report's (the same queries, read
/// from the predictions files next to it), and fails a metric when even the favourable end of the 95 %
/// paired bootstrap interval of its drop exceeds the allowed drop. Noise alone therefore never fails a
/// prompt change, and a real regression larger than the allowance always does.
/// </summary>
internal static class RegressionGate
{
    /// <summary>Checks the gate options before any model call.</summary>
    public static void Validate(EvalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Gate is null)
        {
            if (options.MaxDrop.Count > 0)
            {
                throw new RpmInputException("--max-drop needs --gate BASELINE_REPORT.json: the report.json of an earlier `rpmk eval` to compare with.");
            }

            return;
        }

        if (options.MaxDrop.Count == 0)
        {
            throw new RpmInputException("--gate needs at least one --max-drop METRIC=VALUE saying how much worse a metric may get, like --max-drop accuracy=0.02.");
        }

        if (!File.Exists(options.Gate))
        {
            throw new RpmInputException($"--gate '{options.Gate}' does not exist; pass the report.json an earlier `rpmk eval` wrote.");
        }

        var negative = options.MaxDrop.FirstOrDefault(m => m.Value < 0 || !double.IsFinite(m.Value));
        if (negative.Key is not null)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"--max-drop {negative.Key}={negative.Value} must be a number of at least 0 (0 allows no drop beyond the interval)."));
        }
    }

    /// <summary>
    /// Runs every check of <paramref name="options"/> on <paramref name="run"/>; <paramref name="progress"/> hears
    /// each check's bootstrap (<c>gate: rpm accuracy (1/2): bootstrap 500/10000</c>) and the finished share of the gate.
    /// </summary>
    public static async Task<GateReport> CheckAsync(VariantRun run, EvalOptions options, Action<string, double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.Gate!);
        var metrics = MetricContribution.For(run.Task);
        var unknown = options.MaxDrop.Keys.Where(k => metrics.All(m => m.Name != k)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpmInputException($"--max-drop names {string.Join(", ", unknown)}, which {run.Task.Name} does not measure; its metrics are {string.Join(", ", metrics.Select(m => m.Name))}.");
        }

        if (run.Users.Any(u => u.Targets.Any(t => t.Gold is null)))
        {
            throw new RpmInputException("--gate needs the golds to score both runs; pass --outputs with the LaMP outputs file.");
        }

        var baseline = await BaselineMethodsAsync(path, cancellationToken).ConfigureAwait(false);
        var common = run.Report.Methods.Where(m => baseline.ContainsKey(m.Method)).ToList();
        if (common.Count == 0)
        {
            throw new RpmInputException($"The baseline '{path}' has none of the methods of this run ({string.Join(", ", run.Report.Methods.Select(m => m.Method))}); gate against a run of the same --methods.");
        }

        var checks = new List<GateCheck>();
        var count = common.Count * options.MaxDrop.Count;
        foreach (var row in common)
        {
            var before = await OutputsAsync(path, baseline[row.Method], run, cancellationToken).ConfigureAwait(false);
            foreach (var (name, maxDrop) in options.MaxDrop.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var metric = metrics.Single(m => m.Name == name);
                var sample = PairedSamples.Of(metric, run.Users, before, run.Outputs[row.Method]);
                var index = checks.Count;
                Action<int, int>? step = progress is null ? null : (done, total) => progress(
                    string.Create(CultureInfo.InvariantCulture, $"{PhaseReporter.GateActivity}: {row.Method} {name} ({index + 1}/{count}): bootstrap {done}/{total}"),
                    (index + ((double)done / Math.Max(1, total))) / count);
                var (low, high) = PairedBootstrap.Interval(sample, options.Resamples, options.Seed, progress: step);
                var interval = metric.HigherIsBetter ? new[] { -high, -low } : [low, high];
                checks.Add(new GateCheck
                {
                    Method = row.Method,
                    Metric = name,
                    Baseline = sample.A,
                    Current = sample.B,
                    Drop = metric.HigherIsBetter ? -sample.Delta : sample.Delta,
                    Ci95 = interval,
                    MaxDrop = maxDrop,
                    Failed = interval[0] > maxDrop,
                });
            }
        }

        return new GateReport { Baseline = path, Checks = checks };
    }

    /// <summary>The one-line verdict of a failed check: which metric, by how much, against what allowance.</summary>
    public static string Describe(GateCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var direction = check.Metric is "mae" or "rmse" ? "rose (lower is better)" : "dropped";
        return string.Create(CultureInfo.InvariantCulture,
            $"{check.Method} {check.Metric} {direction} by {check.Drop:0.0000} ({check.Baseline:0.0000} → {check.Current:0.0000}, 95% CI of the drop {check.Ci95[0]:0.0000} to {check.Ci95[1]:0.0000}), more than the allowed {check.MaxDrop:0.0000} beyond the interval");
    }

    private static async Task<Dictionary<string, string>> BaselineMethodsAsync(string path, CancellationToken cancellationToken)
    {
        JsonNode? report;
        try
        {
            report = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException ex)
        {
            throw new RpmInputException($"--gate '{path}' is not JSON ({ex.Message}); pass the report.json an earlier `rpmk eval` wrote.", ex);
        }

        var methods = report?["methods"] as JsonArray ?? throw new RpmInputException($"--gate '{path}' has no \"methods\"; pass the report.json an earlier `rpmk eval` wrote.");
        return methods.OfType<JsonObject>()
            .Where(m => m["method"] is JsonValue && m["predictionsFile"] is JsonValue)
            .ToDictionary(m => m["method"]!.GetValue<string>(), m => m["predictionsFile"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyDictionary<string, string>> OutputsAsync(string reportPath, string predictionsFile, VariantRun run, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetDirectoryName(reportPath)!, predictionsFile);
        if (!File.Exists(file))
        {
            throw new RpmInputException($"The baseline's predictions '{file}' are missing; the gate pairs the answers query by query, so keep the baseline report's folder whole.");
        }

        var outputs = (await OfficialOutputsFile.ReadAsync(file, cancellationToken).ConfigureAwait(false)).Golds
            .GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Output, StringComparer.Ordinal);
        var missing = run.Users.SelectMany(u => u.Targets).FirstOrDefault(t => !outputs.ContainsKey(t.Id));
        return missing.Id is null ? outputs : throw new RpmInputException(
            $"The baseline '{file}' has no prediction for query '{missing.Id}'; gate against a run of the same --questions, --seed and --users.");
    }
}
