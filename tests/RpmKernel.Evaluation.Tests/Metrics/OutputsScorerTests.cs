using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Metrics;

namespace RpmKernel.Evaluation.Tests.Metrics;

public sealed class OutputsScorerTests
{
    private static readonly TaskProfile s_rating = new() { Name = "lamp3", Kind = TaskKind.Rating, Instruction = "score", MinScore = 1, MaxScore = 5 };

    [Fact]
    public void Pairs_predictions_with_golds_by_id_not_by_position()
    {
        var golds = new OfficialOutputs("LaMP_3", [new("a", "1"), new("b", "5")]);
        var predictions = new OfficialOutputs("LaMP_3", [new("b", "5"), new("a", "2")]);

        var result = OutputsScorer.Score(s_rating, golds, predictions);

        Assert.Equal(2, result.Examples);
        Assert.Equal(0.5, result.Metrics.Single(m => m.Name == "mae").Value, 10);
    }

    [Fact]
    public void Refuses_mismatched_id_sets_naming_the_ids()
    {
        var golds = new OfficialOutputs("LaMP_3", [new("a", "1"), new("b", "5")]);
        var predictions = new OfficialOutputs("LaMP_3", [new("a", "1"), new("z", "5")]);

        var error = Assert.Throws<RpmInputException>(() => OutputsScorer.Score(s_rating, golds, predictions));

        Assert.Contains("(b)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(z)", error.Message, StringComparison.Ordinal);
    }
}
