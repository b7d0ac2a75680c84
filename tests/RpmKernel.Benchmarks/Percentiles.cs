namespace RpmKernel.Benchmarks;

/// <summary>Nearest-rank percentiles of a sample of durations in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> sample, double percent)
    {
        if (sample.Count == 0)
        {
            throw new ArgumentException("The sample is empty; measure at least one call.", nameof(sample));
        }

        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(IReadOnlyCollection<double> sample) =>
        $"p50 {Of(sample, 50):F1} ms, p95 {Of(sample, 95):F1} ms, max {sample.Max():F1} ms (n = {sample.Count})";
}
