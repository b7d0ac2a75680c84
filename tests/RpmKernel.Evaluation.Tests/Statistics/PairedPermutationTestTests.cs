using RpmKernel.Evaluation.Statistics;

namespace RpmKernel.Evaluation.Tests.Statistics;

public sealed class PairedPermutationTestTests
{
    [Fact]
    public void Three_users_all_gaining_one_is_two_of_eight_swap_patterns()
    {
        // Only "no swap" and "swap all" reach |mean| = 1; every mixed pattern gives 1/3.
        Assert.Equal(0.25, PairedPermutationTest.PValue(PairedSample.OfMeans([0, 0, 0], [1, 1, 1])), 12);
    }

    [Fact]
    public void A_tied_user_counts_both_ways()
    {
        // Gains 1, 1, 0: the signs of the first two decide (|mean| 2/3 for ++ and --), the tie doubles each: 4 of 8.
        Assert.Equal(0.5, PairedPermutationTest.PValue(PairedSample.OfMeans([0, 0, 5], [1, 1, 5])), 12);
    }

    [Fact]
    public void One_user_can_never_be_significant()
    {
        Assert.Equal(1, PairedPermutationTest.PValue(PairedSample.OfMeans([0], [1])), 12);
    }

    [Fact]
    public void Ties_on_every_user_give_p_one()
    {
        Assert.Equal(1, PairedPermutationTest.PValue(PairedSample.OfMeans([0.3, 0.6], [0.3, 0.6])), 12);
    }

    [Fact]
    public void Beyond_twelve_users_random_patterns_are_drawn_and_the_observed_one_counts()
    {
        var a = Enumerable.Repeat(0.0, 13).ToList();
        var b = Enumerable.Repeat(1.0, 13).ToList();

        var p = PairedPermutationTest.PValue(PairedSample.OfMeans(a, b), resamples: 999, seed: 3);

        // The exact value is 2 / 8192; the estimate cannot go below 1 / (1 + draws).
        Assert.InRange(p, 1.0 / 1000, 0.01);
        Assert.Equal(p, PairedPermutationTest.PValue(PairedSample.OfMeans(a, b), resamples: 999, seed: 3));
    }
}
