using RpmKernel.Core.Answers;

namespace RpmKernel.Core.Tests.Answers;

public class OpinionOptionsTests
{
    [Fact]
    public void Extract_reads_every_option_form_after_the_header()
    {
        var query = """
            How much do you trust the government?
            Options:
            A. A lot
            (B) Somewhat
            C) Not much
            4. Not at all
            5) Don't know
            (6) Refused
            - Other
            """;

        var options = OpinionOptions.Extract(query);

        Assert.Equal(
            [
                new OpinionOption("A", "A lot"),
                new OpinionOption("B", "Somewhat"),
                new OpinionOption("C", "Not much"),
                new OpinionOption("4", "Not at all"),
                new OpinionOption("5", "Don't know"),
                new OpinionOption("6", "Refused"),
                new OpinionOption("", "Other"),
            ],
            options);
    }

    [Fact]
    public void Extract_is_empty_without_an_options_header()
    {
        Assert.Empty(OpinionOptions.Extract("A. yes\nB. no"));
        // The header must be the whole line.
        Assert.Empty(OpinionOptions.Extract("Options: A. yes\nB. no"));
    }

    [Fact]
    public void Extract_accepts_the_header_in_any_case_with_outer_spaces_and_crlf_lines()
    {
        var options = OpinionOptions.Extract("Question?\r\n   OPTIONS:  \r\n  a.  Yes  \r\n\r\n  b. No\r\n");

        Assert.Equal([new OpinionOption("a", "Yes"), new OpinionOption("b", "No")], options);
    }

    [Fact]
    public void Extract_stops_at_the_first_line_that_is_not_an_option()
    {
        var query = "Q?\nOptions:\nA. Yes\nB. No\n\nAnswer with the letter.\nC. Not an option";

        Assert.Equal(["Yes", "No"], OpinionOptions.Extract(query).Select(o => o.Text));
    }

    [Fact]
    public void Extract_needs_a_space_after_the_marker()
    {
        // "1.5 hours" is text, not option "1" with text "5 hours", so it ends the block.
        var options = OpinionOptions.Extract("Q?\nOptions:\nA. Less\n1.5 hours\nB. More");

        Assert.Equal([new OpinionOption("A", "Less")], options);
    }
}
