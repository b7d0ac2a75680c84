using System.Globalization;

namespace RpmKernel.Core.Answers;

/// <summary>
/// Reads an integer score written the ways people and models write one ("4", " 4 ", "4.0"), shared
/// by answer parsing and the rating statistics so both agree on what a score is.
/// </summary>
internal static class ScoreText
{
    private const NumberStyles Styles =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Parses an integral number; "4.5", "four" and numbers outside <see cref="int"/> fail.</summary>
    public static bool TryParse(string? text, out int score)
    {
        score = 0;
        if (text is null || !decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        if (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue)
        {
            return false;
        }

        score = (int)value;
        return true;
    }

    /// <summary>The canonical text of a score: invariant digits, no decimals.</summary>
    public static string Format(int score) => score.ToString(CultureInfo.InvariantCulture);
}
