using RpmKernel.Evaluation.Statistics;

namespace RpmKernel.Evaluation.Tests.Statistics;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void One_user_has_an_interval_of_its_own_difference()
    {
        var sample = PairedSample.OfMeans([0.2], [0.5]);

        var (low, high) = PairedBootstrap.Interval(sample, resamples: 1000);

        Assert.Equal(0.3, sample.Delta, 12);
        Assert.Equal(0.3, low, 12);
        Assert.Equal(0.3, high, 12);
    }

    [Fact]
    public void Ties_on_every_user_give_a_zero_interval()
    {
        var (low, high) = PairedBootstrap.Interval(PairedSample.OfMeans([1, 0, 1], [1, 0, 1]));

        Assert.Equal((0.0, 0.0), (low, high));
    }

    [Fact]
    public void Two_users_with_differences_0_and_1_span_0_to_1()
    {
        // Resampled means are 0, 0.5 and 1 with chances 1/4, 1/2, 1/4: both 2.5 % tails sit on an end value.
        var sample = PairedSample.OfMeans([0, 0], [0, 1]);

        var (low, high) = PairedBootstrap.Interval(sample);

        Assert.Equal(0.5, sample.Delta, 12);
        Assert.Equal(0, low, 12);
        Assert.Equal(1, high, 12);
    }

    [Fact]
    public void A_constant_gain_on_every_user_is_an_interval_of_that_gain()
    {
        var (low, high) = PairedBootstrap.Interval(PairedSample.OfMeans([0.1, 0.4, 0.7], [0.3, 0.6, 0.9]), resamples: 500);

        Assert.Equal(0.2, low, 12);
        Assert.Equal(0.2, high, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_the_interval_holds_the_delta()
    {
        var sample = PairedSample.OfMeans([0.1, 0.9, 0.4, 0.3, 0.8], [0.5, 0.6, 0.9, 0.2, 0.8]);

        var first = PairedBootstrap.Interval(sample, resamples: 2000, seed: 7);
        var second = PairedBootstrap.Interval(sample, resamples: 2000, seed: 7);

        Assert.Equal(first, second);
        Assert.InRange(sample.Delta, first.Low, first.High);
        Assert.True(first.Low < first.High);
    }

    [Fact]
    public void Quantiles_interpolate_between_neighbours()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(2.5, PairedBootstrap.Quantile(sorted, 0.5), 12);
        Assert.Equal(1.075, PairedBootstrap.Quantile(sorted, 0.025), 12);
        Assert.Equal(3.925, PairedBootstrap.Quantile(sorted, 0.975), 12);
        Assert.Equal(4, PairedBootstrap.Quantile(sorted, 1), 12);
    }

    [Fact]
    public void A_ratio_metric_is_recomputed_over_the_resampled_users_not_averaged_per_user()
    {
        // User 1: 1 hit of 1 target; user 2: 0 hits of 3 targets. Accuracy over targets is 1/4, not the mean of 1 and 0.
        var sample = new PairedSample([[0.0, 1], [0, 3]], [[1.0, 1], [0, 3]], s => s[0] / s[1]);

        Assert.Equal(0, sample.A, 12);
        Assert.Equal(0.25, sample.B, 12);
        Assert.Equal(1, sample.DeltaOf([2, 0]), 12);
        Assert.Equal(1.0 / 7, sample.DeltaOf([1, 2]), 12);
    }

    [Fact]
    public void Progress_is_heard_every_500_resamples_and_at_the_end_and_changes_nothing()
    {
        var sample = PairedSample.OfMeans([0, 1, 0.5, 0], [1, 1, 0, 0.5]);
        var heard = new List<(int Done, int Total)>();

        var interval = PairedBootstrap.Interval(sample, 1200, 7, progress: (done, total) => heard.Add((done, total)));
        var permutations = new List<(int Done, int Total)>();
        var p = PairedPermutationTest.PValue(sample, 1200, 7, (done, total) => permutations.Add((done, total)));

        Assert.Equal(PairedBootstrap.Interval(sample, 1200, 7), interval);
        Assert.Equal([(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)], heard);
        Assert.Equal(PairedPermutationTest.PValue(sample, 1200, 7), p);
        Assert.Equal([(0, 16), (16, 16)], permutations);
    }
}
