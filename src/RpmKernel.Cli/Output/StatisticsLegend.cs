namespace RpmKernel.Cli.Output;

/// <summary>One line per statistic of a factor, printed under <c>rpmk explain</c> and in its <c>--help</c>.</summary>
internal static class StatisticsLegend
{
    public static readonly IReadOnlyList<(string Term, string Meaning)> Terms =
    [
        ("evidence", "how many of the user's history items have a feature that maps to the factor."),
        ("coverage", "evidence divided by all the user's items: how often the factor comes up at all."),
        ("propensity", "classification: of the factor's items, the share given each answer (top three shown)."),
        ("lift", "rating: the mean score of the factor's items minus the user's mean score over all items."),
        ("influence", "generation: share of the factor's items whose answer reflects the factor."),
        ("base rate", "generation: share of the other items whose answer reflects it anyway."),
        ("polarity", "generation: influence minus base rate, from -1 (avoids it) to +1 (seeks it out)."),
    ];

    /// <summary>The legend as one block of text, for <c>--help</c>.</summary>
    public static string Text => string.Join(Environment.NewLine, Terms.Select(t => $"  {t.Term}: {t.Meaning}"));

    public static void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine();
        writer.WriteLine("Legend:");
        foreach (var (term, meaning) in Terms)
        {
            writer.WriteLine($"  {term,-10}  {meaning}");
        }
    }
}
