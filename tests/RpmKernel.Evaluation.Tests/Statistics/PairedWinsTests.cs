using RpmKernel.Evaluation.Statistics;

namespace RpmKernel.Evaluation.Tests.Statistics;

public sealed class PairedWinsTests
{
    [Fact]
    public void Higher_is_better_counts_a_higher_b_as_a_win()
    {
        Assert.Equal((2, 1, 1), PairedWins.Count([1, 2, 3, 4], [0, 2, 5, 6], higherIsBetter: true));
    }

    [Fact]
    public void Lower_is_better_for_errors_turns_the_same_users_around()
    {
        Assert.Equal((1, 2, 1), PairedWins.Count([1, 2, 3, 4], [0, 2, 5, 6], higherIsBetter: false));
    }

    [Fact]
    public void One_tied_user_is_one_tie()
    {
        Assert.Equal((0, 0, 1), PairedWins.Count([0.5], [0.5], higherIsBetter: true));
    }

    [Fact]
    public void Unequal_sides_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedWins.Count([1, 2], [1], higherIsBetter: true));
    }
}
