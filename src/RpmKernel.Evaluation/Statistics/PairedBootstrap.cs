namespace RpmKernel.Evaluation.Statistics;

/// <summary>
/// The paired bootstrap over users: resample the users with replacement, recompute B − A on each
/// resample, and take the percentiles of those differences as the confidence interval. Seeded, so the
/// same sample, seed and resample count always give the same interval.
/// </summary>
internal static class PairedBootstrap
{
    /// <summary>The resamples used unless configured otherwise.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>How many resamples (or permutation patterns) pass between two progress calls.</summary>
    public const int ReportEvery = 500;

    /// <summary>
    /// The percentile interval of B − A at <paramref name="level"/> (0.95 = the 2.5th and 97.5th percentiles);
    /// <paramref name="progress"/> hears (resamples done, resamples) every <see cref="ReportEvery"/> resamples and at the end.
    /// </summary>
    public static (double Low, double High) Interval(PairedSample sample, int resamples = DefaultResamples, int seed = 1, double level = 0.95, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be between 0 and 1, such as 0.95.");
        }

        if (sample.Users == 0)
        {
            return (0, 0);
        }

        var random = new Random(seed);
        var deltas = new double[resamples];
        var counts = new int[sample.Users];
        for (var r = 0; r < resamples; r++)
        {
            if (r % ReportEvery == 0)
            {
                progress?.Invoke(r, resamples);
            }

            Array.Clear(counts);
            for (var i = 0; i < sample.Users; i++)
            {
                counts[random.Next(sample.Users)]++;
            }

            deltas[r] = sample.DeltaOf(counts);
        }

        progress?.Invoke(resamples, resamples);
        Array.Sort(deltas);
        var tail = (1 - level) / 2;
        return (Quantile(deltas, tail), Quantile(deltas, 1 - tail));
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values, interpolating linearly between neighbours (R's type 7, NumPy's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("There are no values to take a quantile of.", nameof(sorted));
        }

        var h = (sorted.Count - 1) * Math.Clamp(p, 0, 1);
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }
}
