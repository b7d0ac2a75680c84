using RpmKernel.Core.Answers;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Tests.Answers;

public class AnswerParserTests
{
    private const string SurveyQuery = """
        Do you approve of the new law?
        Options:
        A. Strongly agree
        (B) Agree
        C) Disagree
        """;

    private static readonly TaskProfile Tagging = new()
    {
        Name = "tags",
        Kind = TaskKind.Classification,
        Instruction = "Tag it.",
        Labels = ["sci-fi", "based on a book", "comedy"],
    };

    private static readonly TaskProfile Stars = new() { Name = "stars", Kind = TaskKind.Rating, Instruction = "Rate.", MinScore = 1, MaxScore = 5 };

    private static readonly TaskProfile Survey = new() { Name = "survey", Kind = TaskKind.Opinion, Instruction = "Answer." };

    private static readonly TaskProfile Titles = new() { Name = "titles", Kind = TaskKind.Generation, Instruction = "Title." };

    [Theory]
    [InlineData("sci-fi", "sci-fi")]
    [InlineData("Sci-Fi", "sci-fi")]
    [InlineData("  BASED ON A BOOK \n", "based on a book")]
    [InlineData("\"comedy\"", "comedy")]
    [InlineData("comedy.", "comedy")]
    public void Classification_returns_the_canonical_label(string raw, string expected)
    {
        var result = AnswerParser.Parse(Tagging, raw, "a movie");

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Classification_failure_names_the_labels_and_what_was_received()
    {
        var result = AnswerParser.Parse(Tagging, "horror", "a movie");

        Assert.False(result.Success);
        Assert.Null(result.Value);
        Assert.Contains("\"sci-fi\", \"based on a book\", \"comedy\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("received \"horror\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classification_failure_truncates_long_label_lists_and_long_answers()
    {
        var profile = Tagging with { Labels = [.. Enumerable.Range(1, 30).Select(i => $"label{i}")] };
        var raw = new string('x', 500);

        var error = AnswerParser.Parse(profile, raw, "q").Error!;

        // 20 labels are listed, the other 10 summarized; the answer is cut to 80 characters.
        Assert.Contains("\"label20\", … and 10 more", error, StringComparison.Ordinal);
        Assert.DoesNotContain("label21", error, StringComparison.Ordinal);
        Assert.Contains($"\"{new string('x', 80)}… (500 characters)\"", error, StringComparison.Ordinal);
        Assert.True(error.Length < 600, error);
    }

    [Theory]
    [InlineData("4", "4")]
    [InlineData(" 4 ", "4")]
    [InlineData("4.0", "4")]
    [InlineData("1", "1")]
    [InlineData("5.", "5")]
    [InlineData("'3'", "3")]
    public void Rating_returns_the_integer_score(string raw, string expected)
    {
        var result = AnswerParser.Parse(Stars, raw, "a review");

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("4.5")]
    [InlineData("four")]
    [InlineData("4 stars")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    public void Rating_rejects_non_integers_and_scores_out_of_range(string raw)
    {
        var result = AnswerParser.Parse(Stars, raw, "a review");

        Assert.False(result.Success);
        Assert.Contains("integer score from 1 to 5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_failure_says_what_was_received()
    {
        Assert.Contains("received \"6\"", AnswerParser.Parse(Stars, "6", "q").Error, StringComparison.Ordinal);
        Assert.Contains("received an empty answer", AnswerParser.Parse(Stars, "  ", "q").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Agree", "Agree")]
    [InlineData("  strongly AGREE ", "Strongly agree")]
    [InlineData("B", "Agree")]
    [InlineData("b", "Agree")]
    [InlineData("(B)", "Agree")]
    [InlineData("C.", "Disagree")]
    [InlineData("C)", "Disagree")]
    [InlineData("A. Strongly agree", "Strongly agree")]
    [InlineData("(c) disagree.", "Disagree")]
    public void Opinion_accepts_the_option_text_or_its_marker(string raw, string expected)
    {
        var result = AnswerParser.Parse(Survey, raw, SurveyQuery);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("D")]
    [InlineData("A. Agree")]
    [InlineData("Neutral")]
    [InlineData("2")]
    public void Opinion_rejects_unknown_options_and_conflicting_marker_and_text(string raw)
    {
        var result = AnswerParser.Parse(Survey, raw, SurveyQuery);

        Assert.False(result.Success);
        Assert.Contains("\"A. Strongly agree\", \"B. Agree\", \"C. Disagree\"", result.Error, StringComparison.Ordinal);
        Assert.Contains($"received \"{raw}\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Opinion_accepts_number_markers_and_text_of_unmarked_options()
    {
        Assert.Equal("No", AnswerParser.Parse(Survey, "2", "Q?\nOptions:\n1. Yes\n2) No").Value);

        const string dashed = "Q?\nOptions:\n- Yes\n- No";
        Assert.Equal("No", AnswerParser.Parse(Survey, "no", dashed).Value);
        Assert.Equal("Yes", AnswerParser.Parse(Survey, "- Yes", dashed).Value);
        // Unmarked options have no marker to answer with.
        Assert.False(AnswerParser.Parse(Survey, "1", dashed).Success);
    }

    [Fact]
    public void Opinion_without_options_in_the_query_fails_with_the_fix()
    {
        var result = AnswerParser.Parse(Survey, "Agree", "Do you approve?");

        Assert.False(result.Success);
        Assert.Contains("lists no options", result.Error, StringComparison.Ordinal);
        Assert.Contains("'Options:'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_returns_the_trimmed_text()
    {
        var result = AnswerParser.Parse(Titles, "  \"Attention Is All You Need\"\n", "an abstract");

        Assert.True(result.Success);
        Assert.Equal("\"Attention Is All You Need\"", result.Value);
    }

    [Fact]
    public void Generation_rejects_empty_text()
    {
        var result = AnswerParser.Parse(Titles, " \n\t", "an abstract");

        Assert.False(result.Success);
        Assert.Contains("non-empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classification_profile_without_labels_fails_with_the_fix()
    {
        var result = AnswerParser.Parse(Tagging with { Labels = [] }, "comedy", "q");

        Assert.False(result.Success);
        Assert.Contains("Add 'labels'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_never_throws_on_bad_model_text()
    {
        string?[] inputs = [null, "", "\0", "\"", "''", "(", "()", ".", "A.", "-", "- ", new string('9', 10_000), "💥", "1e3", "-0", "NaN"];

        foreach (var profile in new[] { Tagging, Stars, Survey, Titles })
        {
            foreach (var raw in inputs)
            {
                var result = AnswerParser.Parse(profile, raw!, SurveyQuery);
                Assert.True(result.Success ? result.Value is not null : !string.IsNullOrWhiteSpace(result.Error));
            }

            Assert.False(AnswerParser.Parse(profile, null!, null!).Success);
        }
    }

    [Fact]
    public void Null_answer_is_reported_as_no_answer()
    {
        Assert.Contains("received no answer", AnswerParser.Parse(Tagging, null!, "q").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_factories_set_success_value_and_error()
    {
        Assert.Equal(new AnswerParseResult(true, "x", null), AnswerParseResult.Ok("x"));
        Assert.Equal(new AnswerParseResult(false, null, "bad"), AnswerParseResult.Fail("bad"));
    }
}
