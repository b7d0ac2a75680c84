namespace RpmKernel.Evaluation.Statistics;

/// <summary>
/// The paired permutation test: under "no difference" each user's A and B answers are exchangeable,
/// so the p-value is the share of swap patterns whose |B − A| is at least the observed one. Every
/// pattern is enumerated up to <see cref="ExactUpTo"/> users (an exact p-value); beyond that a seeded
/// random sample of patterns is drawn, counting the observed one (p = (1 + hits) / (1 + draws)).
/// </summary>
internal static class PairedPermutationTest
{
    /// <summary>The largest user count whose 2^n swap patterns are all enumerated.</summary>
    public const int ExactUpTo = 12;

    // Floating-point sums of the same numbers in another order must still count as "as extreme".
    private const double Tolerance = 1e-12;

    /// <summary>
    /// The two-sided p-value of B − A; <paramref name="progress"/> hears (patterns done, patterns) every
    /// <see cref="PairedBootstrap.ReportEvery"/> patterns and at the end.
    /// </summary>
    public static double PValue(PairedSample sample, int resamples = PairedBootstrap.DefaultResamples, int seed = 1, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var n = sample.Users;
        if (n == 0)
        {
            return 1;
        }

        var observed = Math.Abs(sample.Delta) - Tolerance;
        var swapped = new bool[n];
        if (n <= ExactUpTo)
        {
            var patterns = 1 << n;
            var extreme = 0;
            for (var pattern = 0; pattern < patterns; pattern++)
            {
                if (pattern % PairedBootstrap.ReportEvery == 0)
                {
                    progress?.Invoke(pattern, patterns);
                }

                for (var u = 0; u < n; u++)
                {
                    swapped[u] = (pattern & (1 << u)) != 0;
                }

                extreme += Math.Abs(sample.DeltaSwapped(swapped)) >= observed ? 1 : 0;
            }

            progress?.Invoke(patterns, patterns);
            return (double)extreme / patterns;
        }

        var random = new Random(seed);
        var hits = 0;
        for (var r = 0; r < resamples; r++)
        {
            if (r % PairedBootstrap.ReportEvery == 0)
            {
                progress?.Invoke(r, resamples);
            }

            for (var u = 0; u < n; u++)
            {
                swapped[u] = random.Next(2) == 1;
            }

            hits += Math.Abs(sample.DeltaSwapped(swapped)) >= observed ? 1 : 0;
        }

        progress?.Invoke(resamples, resamples);
        return (1.0 + hits) / (1.0 + resamples);
    }
}
