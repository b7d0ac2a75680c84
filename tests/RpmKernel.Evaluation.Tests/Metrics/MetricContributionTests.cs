using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Metrics;

namespace RpmKernel.Evaluation.Tests.Metrics;

public sealed class MetricContributionTests
{
    private static readonly TaskProfile s_labels = new() { Name = "lamp2", Kind = TaskKind.Classification, Instruction = "tag", Labels = ["a", "b", "c"] };

    [Theory]
    [InlineData(TaskKind.Classification, new[] { "a", "b", "c", "a", "x" }, new[] { "a", "c", "c", "b", "x" })]
    [InlineData(TaskKind.Rating, new[] { "1", "5", "3", "4", "2" }, new[] { "2", "5", "oops", "1", " 2 " })]
    [InlineData(TaskKind.Generation, new[] { "the cat sat", "a dog ran far", "blue sky", "x", "one two" }, new[] { "the cat", "dog ran", "", "x", "two one two" })]
    [InlineData(TaskKind.Opinion, new[] { "A", "B", "C", "A", "B" }, new[] { "A", "C", "C", " A", "b" })]
    public void Summed_contributions_give_the_official_metric_over_any_subset_of_targets(TaskKind kind, string[] golds, string[] predictions)
    {
        var task = s_labels with { Kind = kind };
        foreach (var subset in new[] { new[] { 0, 1, 2, 3, 4 }, [1, 3], [4, 4, 0] })
        {
            var g = subset.Select(i => golds[i]).ToList();
            var p = subset.Select(i => predictions[i]).ToList();
            var official = TaskMetrics.Compute(task, g, p);
            var split = MetricContribution.For(task);

            Assert.Equal(official.Select(m => (m.Name, m.HigherIsBetter)), split.Select(m => (m.Name, m.HigherIsBetter)));
            foreach (var (metric, expected) in split.Zip(official))
            {
                Assert.Equal(expected.Value, metric.Value(metric.Sum(g.Zip(p))), 12);
            }
        }
    }
}
