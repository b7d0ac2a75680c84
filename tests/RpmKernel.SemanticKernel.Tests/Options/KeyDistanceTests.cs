using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Tests.Options;

public sealed class KeyDistanceTests
{
    [Theory]
    [InlineData("Model", "Model", 0)]
    [InlineData("MODEL", "model", 0)]
    [InlineData("Modle", "Model", 1)]
    [InlineData("Timout", "Timeout", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]
    [InlineData("", "TopK", 4)]
    public void Between_counts_edits_and_adjacent_transpositions_ignoring_case(string a, string b, int expected)
    {
        Assert.Equal(expected, KeyDistance.Between(a, b));
        Assert.Equal(expected, KeyDistance.Between(b, a));
    }

    [Theory]
    [InlineData("Cash", "Cache", true)]
    [InlineData("Retries", "MaxRetries", true)]
    [InlineData("Colour", "TopK", false)]
    [InlineData("ab", "Cache", false)]
    public void IsNear_accepts_misspellings_and_refuses_unrelated_keys(string typed, string valid, bool near)
    {
        Assert.Equal(near, KeyDistance.IsNear(typed, valid, out _));
    }
}
