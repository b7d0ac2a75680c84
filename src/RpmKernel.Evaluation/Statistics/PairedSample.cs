namespace RpmKernel.Evaluation.Statistics;

/// <summary>
/// Two variants measured on the same users: each user contributes a vector of sums for variant A and
/// one for variant B (hits and count for accuracy, per-label counts for macro-F1, ...), and
/// the value function turns the vectors summed over any multiset of users into the metric. Resampling
/// and swapping users then recompute the metric exactly as the report computes it over all targets.
/// </summary>
internal sealed class PairedSample
{
    private readonly IReadOnlyList<double[]> _a;
    private readonly IReadOnlyList<double[]> _b;
    private readonly Func<double[], double> _value;

    /// <summary>Creates a sample; <paramref name="a"/> and <paramref name="b"/> hold one vector per user, all of one length.</summary>
    public PairedSample(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b, Func<double[], double> value)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(value);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Variant A has {a.Count} users and variant B {b.Count}; a paired sample needs the same users on both sides.", nameof(b));
        }

        Width = a.Count == 0 ? 0 : a[0].Length;
        if (a.Concat(b).Any(v => v.Length != Width))
        {
            throw new ArgumentException("Every user's vector must have the same length.", nameof(a));
        }

        _a = a;
        _b = b;
        _value = value;
    }

    /// <summary>Users in the sample.</summary>
    public int Users => _a.Count;

    /// <summary>The length of each user's vector.</summary>
    public int Width { get; }

    /// <summary>A sample where each user contributes one number per variant and the metric is the mean over users.</summary>
    public static PairedSample OfMeans(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new PairedSample(a.Select(x => new[] { x, 1.0 }).ToList(), b.Select(x => new[] { x, 1.0 }).ToList(), s => s[1] == 0 ? 0 : s[0] / s[1]);
    }

    /// <summary>Variant A's metric over every user.</summary>
    public double A => _value(Sum(_a));

    /// <summary>Variant B's metric over every user.</summary>
    public double B => _value(Sum(_b));

    /// <summary>The paired difference B − A over every user.</summary>
    public double Delta => B - A;

    /// <summary>A user's own metric for variant A.</summary>
    public double UserA(int user) => _value(_a[user]);

    /// <summary>A user's own metric for variant B.</summary>
    public double UserB(int user) => _value(_b[user]);

    /// <summary>B − A over a multiset of users (<paramref name="counts"/>[u] copies of user u).</summary>
    public double DeltaOf(int[] counts)
    {
        var a = new double[Width];
        var b = new double[Width];
        for (var u = 0; u < counts.Length; u++)
        {
            if (counts[u] != 0)
            {
                Add(a, _a[u], counts[u]);
                Add(b, _b[u], counts[u]);
            }
        }

        return _value(b) - _value(a);
    }

    /// <summary>B − A when the users marked in <paramref name="swapped"/> have their A and B answers exchanged.</summary>
    public double DeltaSwapped(bool[] swapped)
    {
        var a = new double[Width];
        var b = new double[Width];
        for (var u = 0; u < swapped.Length; u++)
        {
            Add(a, swapped[u] ? _b[u] : _a[u], 1);
            Add(b, swapped[u] ? _a[u] : _b[u], 1);
        }

        return _value(b) - _value(a);
    }

    private double[] Sum(IReadOnlyList<double[]> vectors)
    {
        var sum = new double[Width];
        foreach (var vector in vectors)
        {
            Add(sum, vector, 1);
        }

        return sum;
    }

    private static void Add(double[] sum, double[] vector, int times)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += vector[i] * times;
        }
    }
}
