using System.Text.RegularExpressions;

namespace RpmKernel.Core.Answers;

/// <summary>
/// Reads the options of a GlobalOpinionQA-style question. The format, which the dataset readers
/// write and the answer parser reads:
/// <code>
/// How much do you trust the national government?
/// Options:
/// A. A lot
/// B. Somewhat
/// C. Not at all
/// </code>
/// The block starts after the first line that is exactly <c>Options:</c> (ignoring case and outer
/// spaces). Each following line is one option, written <c>A. text</c>, <c>(A) text</c>,
/// <c>A) text</c>, <c>1. text</c>, <c>1) text</c>, <c>(1) text</c> or <c>- text</c> (a marker is
/// one letter or a number of up to two digits, followed by a space; <c>-</c> options have no
/// marker). Blank lines inside the block are skipped; the first other non-empty line ends it.
/// </summary>
public static partial class OpinionOptions
{
    /// <summary>The header line that opens the options block.</summary>
    public const string Header = "Options:";

    /// <summary>Returns the options listed in <paramref name="query"/>, in order; empty when it has no options block.</summary>
    /// <param name="query">The question text.</param>
    public static IReadOnlyList<OpinionOption> Extract(string query)
    {
        ArgumentNullException.ThrowIfNull(query);

        var options = new List<OpinionOption>();
        var inBlock = false;
        foreach (var rawLine in query.Split(["\r\n", "\n", "\r"], StringSplitOptions.None))
        {
            var line = rawLine.Trim();
            if (!inBlock)
            {
                inBlock = string.Equals(line, Header, StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (!TryParseLine(line, out var option))
            {
                break;
            }

            options.Add(option);
        }

        return options;
    }

    /// <summary>Parses one option line such as <c>(B) Somewhat</c>; the line must already be trimmed.</summary>
    internal static bool TryParseLine(string line, out OpinionOption option)
    {
        var match = OptionLine().Match(line);
        if (!match.Success)
        {
            option = new OpinionOption("", "");
            return false;
        }

        option = new OpinionOption(match.Groups["marker"].Value, match.Groups["text"].Value.Trim());
        return true;
    }

    // Requiring whitespace after the marker keeps "1.5 hours a day" from reading as option "1".
    [GeneratedRegex(@"^(?:\((?<marker>[A-Za-z]|[0-9]{1,2})\)|(?<marker>[A-Za-z]|[0-9]{1,2})[.)]|-)\s+(?<text>\S.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OptionLine();
}
