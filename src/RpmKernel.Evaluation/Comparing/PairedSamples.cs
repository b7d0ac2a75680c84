using RpmKernel.Evaluation.Metrics;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Statistics;

namespace RpmKernel.Evaluation.Comparing;

/// <summary>Builds the paired sample of one metric from two sets of outputs over the same users' targets.</summary>
internal static class PairedSamples
{
    /// <summary>
    /// Each user's summed contribution of its targets under <paramref name="a"/> and <paramref name="b"/>
    /// (outputs by target id; a missing output is scored as an empty answer, as in the report).
    /// </summary>
    public static PairedSample Of(MetricContribution metric, IReadOnlyList<EvaluatedUser> users, IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double[] Side(EvaluatedUser user, IReadOnlyDictionary<string, string> outputs) =>
            metric.Sum(user.Targets.Select(t => (t.Gold ?? "", outputs.GetValueOrDefault(t.Id) ?? "")));
        return new PairedSample(users.Select(u => Side(u, a)).ToList(), users.Select(u => Side(u, b)).ToList(), metric.Value);
    }
}
