using RpmKernel.Core.Factors;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>How a clustering reply over new labels and the user's factors extends the factors without moving a stored item.</summary>
public sealed class FactorExtensionTests
{
    private static readonly TaskProfile Tags = new() { Name = "tags", Kind = TaskKind.Classification, Instruction = "Tag it.", Labels = ["a", "b"] };

    [Fact]
    public void A_new_label_joins_the_factor_it_is_clustered_with_and_the_first_one_when_the_reply_merged_factors()
    {
        var tally = Tally(new Factor("Genre", "", ["genre"]), new Factor("Mood", "", ["mood"]));

        FactorExtension.Apply(tally, [new Factor("Everything", "", ["Mood", "Genre", "noir"]), new Factor("Genre", "", ["western"])], ["noir", "western"], maxFactors: 8);

        Assert.Equal(["Genre", "Mood"], tally.Factors.Select(f => f.Name));
        Assert.Equal(["genre", "western"], tally.Factors[0].Members);
        Assert.Equal(["mood", "noir"], tally.Factors[1].Members);
    }

    [Fact]
    public void Labels_clustered_among_themselves_make_a_new_factor_named_by_no_label_the_history_carries()
    {
        var tally = Tally(new Factor("Genre", "", ["genre", "setting"]));

        // "setting" is a member already: a factor of that name would take in the items labelled so.
        FactorExtension.Apply(tally, [new Factor("setting", "Where it happens.", ["city", "village"])], ["city", "village"], maxFactors: 8);

        Assert.Equal(["Genre", "city"], tally.Factors.Select(f => f.Name));
        Assert.Equal(["city", "village"], tally.Factors[1].Members);
        Assert.Equal("Where it happens.", tally.Factors[1].Description);
    }

    [Fact]
    public void With_no_room_for_a_new_factor_and_for_labels_the_reply_left_out_the_labels_stay_uncovered()
    {
        var tally = Tally(new Factor("Genre", "", ["genre"]));

        FactorExtension.Apply(tally, [new Factor("Pace", "", ["pace"]), new Factor("Genre", "", ["Genre"])], ["pace", "forgotten"], maxFactors: 1);

        Assert.Equal(["Genre"], tally.Factors.Select(f => f.Name));
        Assert.Equal(["genre"], tally.Factors[0].Members);
        Assert.False(tally.IsKnownLabel("pace"));
        Assert.False(tally.IsKnownLabel("forgotten"));
    }

    private static FactorTally Tally(params Factor[] factors) =>
        FactorTally.Build(Tags, factors, [new TalliedItem("x", "h", "a", [new Core.Features.Feature("n", "c", "genre")])]);
}
