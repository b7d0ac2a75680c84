using System.Globalization;

namespace RpmKernel.Evaluation.Metrics;

/// <summary>
/// The metrics of the official LaMP evaluation scripts and of GlobalOpinionQA, computed over
/// aligned gold and predicted outputs (the same order, one per example).
/// </summary>
public static class LampMetrics
{
    /// <summary>
    /// LaMP-2: accuracy and macro-F1 over <paramref name="labels"/>. Both sides are stripped and
    /// mapped to their index in the list (outside the list = -1, which matches no label); macro-F1
    /// averages every label's F1, a label with neither gold nor prediction counting 0 (scikit-learn's
    /// <c>f1_score(average="macro", labels=range(15))</c>).
    /// </summary>
    public static IReadOnlyList<MetricScore> Classification(IReadOnlyList<string> golds, IReadOnlyList<string> predictions, IReadOnlyList<string> labels)
    {
        RequireAligned(golds, predictions);
        ArgumentNullException.ThrowIfNull(labels);
        var gold = golds.Select(g => IndexOf(labels, g)).ToList();
        var predicted = predictions.Select(p => IndexOf(labels, p)).ToList();
        var correct = gold.Zip(predicted).Count(pair => pair.First == pair.Second);
        var f1Sum = 0.0;
        for (var label = 0; label < labels.Count; label++)
        {
            int truePositive = 0, falsePositive = 0, falseNegative = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                var isGold = gold[i] == label;
                var isPredicted = predicted[i] == label;
                truePositive += isGold && isPredicted ? 1 : 0;
                falsePositive += !isGold && isPredicted ? 1 : 0;
                falseNegative += isGold && !isPredicted ? 1 : 0;
            }

            var denominator = (2 * truePositive) + falsePositive + falseNegative;
            f1Sum += denominator == 0 ? 0 : 2.0 * truePositive / denominator;
        }

        return
        [
            new("accuracy", Mean(gold.Count, correct), true),
            new("f1", labels.Count == 0 ? 0 : f1Sum / labels.Count, true),
        ];
    }

    /// <summary>
    /// LaMP-3: MAE and RMSE. A prediction that does not parse as a number is replaced by whichever
    /// of 1 or 5 is farther from the gold (5 on a tie, as the official script's <c>&gt;</c> does).
    /// </summary>
    public static IReadOnlyList<MetricScore> Rating(IReadOnlyList<string> golds, IReadOnlyList<string> predictions)
    {
        RequireAligned(golds, predictions);
        double absolute = 0, squared = 0;
        for (var i = 0; i < golds.Count; i++)
        {
            var gold = ParseNumber(golds[i]) ?? throw new FormatException($"Gold output '{golds[i]}' (example {i + 1}) is not a number; LaMP-3 golds are scores 1 to 5.");
            var predicted = PredictedScore(predictions[i], gold);
            absolute += Math.Abs(predicted - gold);
            squared += (predicted - gold) * (predicted - gold);
        }

        return
        [
            new("mae", golds.Count == 0 ? 0 : absolute / golds.Count, false),
            new("rmse", golds.Count == 0 ? 0 : Math.Sqrt(squared / golds.Count), false),
        ];
    }

    /// <summary>LaMP-5: ROUGE-1 and ROUGE-L F1, means over examples (both sides stripped).</summary>
    public static IReadOnlyList<MetricScore> Generation(IReadOnlyList<string> golds, IReadOnlyList<string> predictions)
    {
        RequireAligned(golds, predictions);
        var count = golds.Count;
        var rouge1 = golds.Zip(predictions).Sum(p => RougeScorer.Rouge1(p.First.Trim(), p.Second.Trim()));
        var rougeL = golds.Zip(predictions).Sum(p => RougeScorer.RougeL(p.First.Trim(), p.Second.Trim()));
        return
        [
            new("rouge-1", count == 0 ? 0 : rouge1 / count, true),
            new("rouge-L", count == 0 ? 0 : rougeL / count, true),
        ];
    }

    /// <summary>GlobalOpinionQA (and any exact-answer task): the share of predictions equal to the gold, both stripped.</summary>
    public static IReadOnlyList<MetricScore> Accuracy(IReadOnlyList<string> golds, IReadOnlyList<string> predictions)
    {
        RequireAligned(golds, predictions);
        var correct = golds.Zip(predictions).Count(p => string.Equals(p.First.Trim(), p.Second.Trim(), StringComparison.Ordinal));
        return [new("accuracy", Mean(golds.Count, correct), true)];
    }

    /// <summary>Parses a number the way Python's <c>float()</c> accepts it (outer spaces, sign, decimals, exponent); null when it is not one.</summary>
    internal static double? ParseNumber(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A prediction's score; one that is not a number counts as the end of the scale farther from <paramref name="gold"/>, as the official script scores it.</summary>
    internal static double PredictedScore(string prediction, double gold) =>
        ParseNumber(prediction) ?? (Math.Abs(1 - gold) > Math.Abs(5 - gold) ? 1.0 : 5.0);

    /// <summary>The index of <paramref name="value"/> (trimmed) among <paramref name="labels"/>, or -1.</summary>
    internal static int IndexOf(IReadOnlyList<string> labels, string value)
    {
        var stripped = value.Trim();
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], stripped, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static double Mean(int count, int hits) => count == 0 ? 0 : (double)hits / count;

    private static void RequireAligned(IReadOnlyList<string> golds, IReadOnlyList<string> predictions)
    {
        ArgumentNullException.ThrowIfNull(golds);
        ArgumentNullException.ThrowIfNull(predictions);
        if (golds.Count != predictions.Count)
        {
            throw new ArgumentException($"There are {golds.Count} gold outputs and {predictions.Count} predictions; they must be aligned one to one.", nameof(predictions));
        }
    }
}
