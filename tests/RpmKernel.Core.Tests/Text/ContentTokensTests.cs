using RpmKernel.Core.Text;

namespace RpmKernel.Core.Tests.Text;

public class ContentTokensTests
{
    [Fact]
    public void Extract_lower_cases_and_splits_on_every_non_alphanumeric_character()
    {
        var tokens = ContentTokens.Extract("Graph-Neural NETWORKS, 2019!model_zoo");

        Assert.Equal(["2019", "graph", "model", "networks", "neural", "zoo"], tokens);
    }

    [Fact]
    public void Extract_splits_accented_letters_too()
    {
        // "café" -> "caf" + "é" dropped; "résumé" -> "r" (too short) + "sum".
        Assert.Equal(["caf", "sum"], ContentTokens.Extract("Café résumé"));
    }

    [Fact]
    public void Extract_drops_short_tokens_and_stop_words()
    {
        // "is", "on", "ai", "an" are short; the rest but "work" and "deep" are stop words.
        var tokens = ContentTokens.Extract("This is about their own work on AI: an other very deep with THE");

        Assert.Equal(["deep", "work"], tokens);
    }

    [Fact]
    public void Extract_returns_each_token_once()
    {
        Assert.Equal(["movie"], ContentTokens.Extract("movie Movie MOVIE"));
    }

    [Fact]
    public void Extract_of_empty_or_symbol_only_text_is_empty()
    {
        Assert.Empty(ContentTokens.Extract(""));
        Assert.Empty(ContentTokens.Extract("!!! -- ?? é"));
    }
}
