namespace RpmKernel.Core.Answers;

/// <summary>
/// Words parse errors. They are shown to people and sent back to the model for repair, so long
/// model output and long value lists are cut to keep the repair prompt small.
/// </summary>
internal static class AnswerErrorText
{
    /// <summary>How many allowed values an error lists before summarizing the rest.</summary>
    public const int MaxListed = 20;

    /// <summary>How many characters of one value or of the received text an error shows.</summary>
    public const int MaxShown = 80;

    /// <summary>Lists allowed values as <c>"a", "b", … and N more</c>.</summary>
    public static string Describe(IReadOnlyList<string> values)
    {
        var shown = values.Take(MaxListed).Select(v => $"\"{Shorten(v)}\"");
        var list = string.Join(", ", shown);
        return values.Count > MaxListed ? $"{list}, … and {values.Count - MaxListed} more" : list;
    }

    /// <summary>Describes what was received: the (shortened) text in quotes, or that it was empty.</summary>
    public static string Received(string? raw)
    {
        if (raw is null)
        {
            return "no answer";
        }

        var trimmed = raw.Trim();
        return trimmed.Length == 0 ? "an empty answer" : $"\"{Shorten(trimmed)}\"";
    }

    private static string Shorten(string value) =>
        value.Length <= MaxShown ? value : string.Concat(value.AsSpan(0, MaxShown), $"… ({value.Length} characters)");
}
