namespace RpmKernel.Benchmarks;

/// <summary>
/// How precisely one run measured a ratio of two medians (a call's overhead p50 over its floor's p50):
/// the 5th and 95th percentiles of that ratio over resamples of the paired samples, drawn with
/// replacement (a percentile bootstrap). The seed is fixed, so the same samples give the same interval.
/// </summary>
internal static class RatioInterval
{
    private const int Resamples = 1_000;

    public static (double Low, double High) Of(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        if (numerators.Count == 0 || numerators.Count != denominators.Count)
        {
            throw new ArgumentException($"The samples are not paired ({numerators.Count} numerators, {denominators.Count} denominators); pass one of each per call.", nameof(denominators));
        }

        var random = new Random(1);
        var ratios = new double[Resamples];
        var top = new double[numerators.Count];
        var bottom = new double[numerators.Count];
        for (var r = 0; r < Resamples; r++)
        {
            for (var i = 0; i < top.Length; i++)
            {
                var pick = random.Next(top.Length);
                top[i] = numerators[pick];
                bottom[i] = denominators[pick];
            }

            ratios[r] = Percentiles.Of(top, 50) / Percentiles.Of(bottom, 50);
        }

        return (Percentiles.Of(ratios, 5), Percentiles.Of(ratios, 95));
    }
}
