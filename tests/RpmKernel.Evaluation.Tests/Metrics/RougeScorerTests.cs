using System.Text.Json.Nodes;
using RpmKernel.Evaluation.Metrics;
using RpmKernel.Evaluation.Tests.Support;

namespace RpmKernel.Evaluation.Tests.Metrics;

public sealed class RougeScorerTests
{
    public static TheoryData<string, string, double, double> Vectors()
    {
        var data = new TheoryData<string, string, double, double>();
        foreach (var vector in JsonNode.Parse(File.ReadAllText(Fixture.Path("rouge_test_vectors.json")))!.AsArray())
        {
            data.Add(vector!["target"]!.GetValue<string>(), vector["prediction"]!.GetValue<string>(),
                vector["rouge1"]!["f"]!.GetValue<double>(), vector["rougeL"]!["f"]!.GetValue<double>());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Matches_the_rouge_score_test_vectors(string target, string prediction, double rouge1, double rougeL)
    {
        Assert.Equal(rouge1, RougeScorer.Rouge1(target, prediction), tolerance: 1e-5);
        Assert.Equal(rougeL, RougeScorer.RougeL(target, prediction), tolerance: 1e-5);
    }

    [Fact]
    public void Tokenisation_turns_accented_letters_and_punctuation_into_spaces()
    {
        Assert.Equal(["caf", "d", "j", "vu", "42"], RougeScorer.Tokenize("Café Déjà-vu 42!"));
    }

    [Fact]
    public void Rouge_l_uses_the_longest_common_subsequence_not_bag_overlap()
    {
        // Same bag of words, reversed order: ROUGE-1 is 1, the LCS has length 1 of 3.
        Assert.Equal(1.0, RougeScorer.Rouge1("a b c", "c b a"), 10);
        Assert.Equal(1.0 / 3, RougeScorer.RougeL("a b c", "c b a"), 10);
    }
}
