using System.Globalization;
using RpmKernel.Evaluation.Metrics;
using RpmKernel.Evaluation.Reports;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Statistics;

namespace RpmKernel.Evaluation.Comparing;

/// <summary>Compares two finished variants on one method: every metric with its interval and p-value, per-user wins, and costs.</summary>
internal static class ComparisonBuilder
{
    /// <summary>
    /// Compares <paramref name="a"/> with <paramref name="b"/> on <paramref name="method"/>; <paramref name="progress"/>
    /// hears what is being resampled (<c>accuracy bootstrap 500/10000</c>) and the finished share of this comparison.
    /// </summary>
    public static VariantComparison Compare(
        CompareAxis axis, EvalVariant variantA, EvalVariant variantB, VariantRun a, VariantRun b, string method, int resamples, int seed, Action<string, double>? progress = null)
    {
        if (!a.Users.Select(u => u.Id).SequenceEqual(b.Users.Select(u => u.Id), StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Variants '{variantA.Name}' and '{variantB.Name}' evaluated different users; a paired comparison needs the same sample.");
        }

        var metrics = new List<MetricComparison>();
        var wins = new UserWins(0, 0, 0);
        if (a.Users.All(u => u.Targets.All(t => t.Gold is not null)))
        {
            var all = MetricContribution.For(a.Task);
            foreach (var (metric, index) in all.Select((m, i) => (m, i)))
            {
                var sample = PairedSamples.Of(metric, a.Users, a.Outputs[method], b.Outputs[method]);
                var (low, high) = PairedBootstrap.Interval(sample, resamples, seed, progress: Step(progress, metric.Name + " bootstrap", index, 0, all.Count));
                metrics.Add(new MetricComparison
                {
                    Name = metric.Name,
                    A = sample.A,
                    B = sample.B,
                    Delta = sample.Delta,
                    Ci95 = [low, high],
                    P = PairedPermutationTest.PValue(sample, resamples, seed, Step(progress, metric.Name + " permutation test", index, 0.5, all.Count)),
                });
                if (metrics.Count == 1)
                {
                    var users = Enumerable.Range(0, sample.Users).ToList();
                    var (w, l, t) = PairedWins.Count(users.Select(sample.UserA).ToList(), users.Select(sample.UserB).ToList(), metric.HigherIsBetter);
                    wins = new UserWins(w, l, t);
                }
            }
        }

        var others = variantA.Overrides.Where(o => o.Key != axis.Key).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        return new VariantComparison
        {
            Stage = axis.IsModel ? null : axis.Key,
            Model = axis.IsModel ? "Chat:Model" : null,
            A = variantA.ValueOf(axis.Key)!,
            B = variantB.ValueOf(axis.Key)!,
            Method = method,
            With = others.Count == 0 ? null : others,
            Metrics = metrics,
            Users = wins,
            Cost = new CostComparison(Cost(a.Report, method), Cost(b.Report, method)),
        };
    }

    /// <summary>The progress of one half (bootstrap at 0, permutation test at 0.5) of metric <paramref name="index"/> of <paramref name="count"/>.</summary>
    private static Action<int, int>? Step(Action<string, double>? progress, string what, int index, double half, int count) =>
        progress is null ? null : (done, total) => progress(
            string.Create(CultureInfo.InvariantCulture, $"{what} {done}/{total}"),
            (index + half + (0.5 * done / Math.Max(1, total))) / count);

    private static VariantCost Cost(EvalReport report, string method)
    {
        var row = report.Methods.Single(m => m.Method == method);
        var ingest = report.Preprocessing;

        // Every method that reads the RPM ingest is named rpm*, as in the report's chart.
        var needsIngest = method.StartsWith("rpm", StringComparison.Ordinal);
        return new VariantCost
        {
            TokensPerUser = needsIngest && ingest.Users > 0 ? (double)(ingest.InputTokens + ingest.OutputTokens) / ingest.Users : 0,
            TokensPerQuery = row.Predictions == 0 ? 0 : (double)(row.InputTokens + row.OutputTokens) / row.Predictions,
            UsdPerUser = row.CostPerUserUsd,
            UsdPerQuery = row.CostPerQueryUsd,
        };
    }
}
