namespace RpmKernel.Evaluation.Statistics;

/// <summary>Per-user wins, losses and ties of variant B against variant A on one metric.</summary>
internal static class PairedWins
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// Counts the users where B is better than A (a win), worse (a loss) or equal within 1e-12 (a tie);
    /// "better" is higher unless <paramref name="higherIsBetter"/> is false (MAE, RMSE).
    /// </summary>
    public static (int Wins, int Losses, int Ties) Count(IReadOnlyList<double> a, IReadOnlyList<double> b, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Variant A has {a.Count} users and variant B {b.Count}; wins are counted over the same users.", nameof(b));
        }

        int wins = 0, losses = 0, ties = 0;
        for (var u = 0; u < a.Count; u++)
        {
            var gain = higherIsBetter ? b[u] - a[u] : a[u] - b[u];
            if (Math.Abs(gain) <= Tolerance)
            {
                ties++;
            }
            else if (gain > 0)
            {
                wins++;
            }
            else
            {
                losses++;
            }
        }

        return (wins, losses, ties);
    }
}
