using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using static RpmKernel.Core.Tests.Factors.FactorTestData;

namespace RpmKernel.Core.Tests.Factors;

public class FactorStatisticsEdgeCaseTests
{
    [Fact]
    public void Classification_answers_outside_the_labels_are_grouped_ignoring_case_with_their_most_frequent_spelling()
    {
        var items = new[] { Item("1", "Horror"), Item("2", "horror "), Item("3", "sci-fi"), Item("4", " ") };
        var features = AllIn("style", items);

        var propensity = FactorStatisticsCalculator.Compute(Tagging, items, features, [new Factor("Style", "", ["style"])])[0].Propensity!;

        // n = 4 (the empty answer counts in n_F but is no label): Horror 2/4, sci-fi 1/4.
        Assert.Equal(["Horror", "sci-fi"], propensity.Keys);
        Assert.Equal(0.5, propensity["Horror"], Precision);
        Assert.Equal(0.25, propensity["sci-fi"], Precision);
    }

    [Fact]
    public void Rating_factor_without_evidence_or_parsable_scores_has_no_mean_or_lift()
    {
        var items = new[] { Item("1", "meh"), Item("2", "3") };
        var features = new Dictionary<string, IReadOnlyList<Feature>> { ["1"] = [F("x", "vague")] };
        var factors = new[] { new Factor("Vague", "", ["vague"]), new Factor("Absent", "", ["none"]) };

        var stats = FactorStatisticsCalculator.Compute(Rating, items, features, factors);

        Assert.Equal(1, stats[0].Evidence);
        Assert.Null(stats[0].MeanScore);
        Assert.Null(stats[0].Lift);
        Assert.Equal(0, stats[1].Evidence);
        Assert.Empty(stats[1].Propensity!);
        Assert.Null(stats[1].MeanScore);
        Assert.Null(stats[1].Lift);
    }

    [Fact]
    public void Generation_base_rate_is_zero_when_every_item_is_in_the_factor()
    {
        var items = new[] { Item("1", "Sparse attention"), Item("2", "Dense retrieval") };
        var features = AllIn("method", items, name: "attention");

        var stat = FactorStatisticsCalculator.Compute(Titles, items, features, [new Factor("Method", "", ["method"])])[0];

        // Inside: "Sparse attention" reflects, "Dense retrieval" does not -> 1/2; nobody outside -> 0.
        Assert.Equal(0.5, stat.Influence!.Value, Precision);
        Assert.Equal(0.0, stat.BaseRate);
        Assert.Equal(0.5, stat.Polarity!.Value, Precision);
    }

    [Fact]
    public void Opinion_answers_are_trimmed_and_grouped_ignoring_case()
    {
        var items = new[] { Item("1", "Agree"), Item("2", " agree "), Item("3", "Disagree") };
        var features = AllIn("trust", items);

        var stat = FactorStatisticsCalculator.Compute(Survey, items, features, [new Factor("Trust", "", ["trust"])])[0];

        Assert.Equal(["Agree", "Disagree"], stat.Propensity!.Keys);
        Assert.Equal(2.0 / 3, stat.Propensity["Agree"], Precision);
        Assert.Equal(1.0 / 3, stat.Propensity["Disagree"], Precision);
        Assert.Null(stat.MeanScore);
        Assert.Null(stat.Influence);
    }

    [Fact]
    public void Empty_history_gives_zero_coverage_and_no_propensity()
    {
        var stats = FactorStatisticsCalculator.Compute(Tagging, [], new Dictionary<string, IReadOnlyList<Feature>>(), [new Factor("Genre", "", [])]);

        var stat = Assert.Single(stats);
        Assert.Equal(0, stat.Evidence);
        Assert.Equal(0, stat.Coverage);
        Assert.Empty(stat.Propensity!);
    }

    [Fact]
    public void A_factor_listing_its_name_as_a_member_counts_each_item_once()
    {
        var items = new[] { Item("1", "comedy"), Item("2", "sci-fi") };
        var features = new Dictionary<string, IReadOnlyList<Feature>> { ["1"] = [F("jokes", "Genre"), F("gags", "genre")] };

        var stat = FactorStatisticsCalculator.Compute(Tagging, items, features, [new Factor("Genre", "", ["genre", "GENRE"])])[0];

        Assert.Equal(1, stat.Evidence);
        Assert.Equal(1.0, stat.Propensity!["comedy"], Precision);
    }

    [Fact]
    public void Null_arguments_and_null_entries_are_rejected()
    {
        var none = new Dictionary<string, IReadOnlyList<Feature>>();
        Assert.Throws<ArgumentNullException>(() => FactorStatisticsCalculator.Compute(null!, [], none, []));
        Assert.Throws<ArgumentNullException>(() => FactorStatisticsCalculator.Compute(Tagging, null!, none, []));
        Assert.Throws<ArgumentNullException>(() => FactorStatisticsCalculator.Compute(Tagging, [], null!, []));
        Assert.Throws<ArgumentNullException>(() => FactorStatisticsCalculator.Compute(Tagging, [], none, null!));
        var error = Assert.Throws<ArgumentException>(() => FactorStatisticsCalculator.Compute(Tagging, [Item("1", "x"), null!], none, []));
        Assert.Contains("items[1]", error.Message, StringComparison.Ordinal);
    }
}
