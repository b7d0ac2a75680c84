using RpmKernel.Evaluation.Metrics;

namespace RpmKernel.Evaluation.Tests.Metrics;

public sealed class LampMetricsTests
{
    private static readonly string[] s_labels = ["comedy", "action", "romance"];

    [Fact]
    public void Classification_matches_hand_computed_accuracy_and_macro_f1_over_every_label()
    {
        string[] golds = ["comedy", "comedy", "action", "action"];
        string[] predictions = [" comedy ", "action", "action", "sci-fi"];

        var metrics = LampMetrics.Classification(golds, predictions, s_labels).ToDictionary(m => m.Name, m => m.Value);

        // Correct: 1 (stripped) and 3 → 2/4. comedy: TP1 FN1 → 2/3; action: TP1 FP1 FN1 → 1/2;
        // romance: neither gold nor predicted → 0. Macro over all 3 labels = (2/3 + 1/2 + 0) / 3.
        Assert.Equal(0.5, metrics["accuracy"], 10);
        Assert.Equal(((2.0 / 3) + 0.5) / 3, metrics["f1"], 10);
    }

    [Fact]
    public void Classification_counts_a_differently_cased_answer_as_wrong()
    {
        var metrics = LampMetrics.Classification(["comedy"], ["Comedy"], s_labels);

        Assert.Equal(0, metrics[0].Value);
    }

    [Fact]
    public void Rating_replaces_a_non_number_by_the_farther_of_1_and_5()
    {
        // Gold 2: "n/a" → 5 (error 3). Gold 4: "four" → 1 (error 3). Gold 3: "?" → tie → 5 (error 2). Gold 5: "4.0" → error 1.
        string[] golds = ["2", "4", "3", "5"];
        string[] predictions = ["n/a", "four", "?", " 4.0 "];

        var metrics = LampMetrics.Rating(golds, predictions).ToDictionary(m => m.Name, m => m.Value);

        Assert.Equal((3 + 3 + 2 + 1) / 4.0, metrics["mae"], 10);
        Assert.Equal(Math.Sqrt((9 + 9 + 4 + 1) / 4.0), metrics["rmse"], 10);
    }

    [Fact]
    public void Generation_is_the_mean_of_rouge_f1_over_examples()
    {
        var metrics = LampMetrics.Generation(["testing one two", "a b"], ["testing", "a b"]).ToDictionary(m => m.Name, m => m.Value);

        Assert.Equal((0.5 + 1.0) / 2, metrics["rouge-1"], 10);
        Assert.Equal((0.5 + 1.0) / 2, metrics["rouge-L"], 10);
    }

    [Fact]
    public void Accuracy_compares_stripped_answers_exactly()
    {
        var metrics = LampMetrics.Accuracy(["Yes", "No", "Somewhat"], [" Yes", "no", "Somewhat"]);

        Assert.Equal(2.0 / 3, metrics[0].Value, 10);
    }

    [Fact]
    public void Misaligned_lists_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LampMetrics.Accuracy(["a"], []));
    }
}
