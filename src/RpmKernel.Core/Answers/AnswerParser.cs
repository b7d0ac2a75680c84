using System.Globalization;
using System.Text.RegularExpressions;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Answers;

/// <summary>
/// Checks a model's answer against a task profile and returns its canonical form (DESIGN.md §1.8).
/// Model text is untrusted, so parsing never throws on it: every problem is a failed result whose
/// error says what is allowed and what was received, ready to be sent back to the model.
/// </summary>
public static partial class AnswerParser
{
    /// <summary>
    /// Parses <paramref name="raw"/> for the task's kind:
    /// <list type="bullet">
    /// <item><b>Classification</b>: one of the profile's labels, ignoring case and outer spaces, returned with the profile's spelling.</item>
    /// <item><b>Rating</b>: an integer ("4", " 4 ", "4.0") within [MinScore, MaxScore], returned as invariant digits.</item>
    /// <item><b>Opinion</b>: one of the options listed in <paramref name="query"/> (see <see cref="OpinionOptions"/>), given by its text
    /// (ignoring case), its marker alone ("B", "(B)", "2") or both ("B. text"); returns the option text.</item>
    /// <item><b>Generation</b>: any non-empty text, trimmed.</item>
    /// </list>
    /// For discrete kinds, surrounding quotes or backticks and one trailing period are forgiven,
    /// because models add them to otherwise exact answers.
    /// </summary>
    /// <param name="profile">The task profile.</param>
    /// <param name="raw">The model's answer text; null counts as empty.</param>
    /// <param name="query">The question answered; only opinion tasks read it (for the options).</param>
    /// <returns>The canonical answer, or the reason it is invalid.</returns>
    public static AnswerParseResult Parse(TaskProfile profile, string raw, string query)
    {
        ArgumentNullException.ThrowIfNull(profile);

        return profile.Kind switch
        {
            TaskKind.Classification => ParseLabel(profile, raw),
            TaskKind.Rating => ParseScore(profile, raw),
            TaskKind.Opinion => ParseOption(query ?? "", raw),
            TaskKind.Generation => ParseText(raw),
            _ => AnswerParseResult.Fail(
                $"Task '{profile.Name}' has kind '{profile.Kind}', which has no answer format. Use one of classification, rating, opinion or generation in its profile."),
        };
    }

    private static AnswerParseResult ParseLabel(TaskProfile profile, string? raw)
    {
        if (profile.Labels.Count == 0)
        {
            return AnswerParseResult.Fail(
                $"Task '{profile.Name}' is a classification task without labels, so no answer can be accepted. Add 'labels' to its profile.");
        }

        foreach (var candidate in Candidates(raw))
        {
            if (LabelMatcher.FindCanonical(profile.Labels, candidate) is { } label)
            {
                return AnswerParseResult.Ok(label);
            }
        }

        return AnswerParseResult.Fail(
            $"Expected exactly one of the labels {AnswerErrorText.Describe(profile.Labels)}; received {AnswerErrorText.Received(raw)}. Answer with one label, spelled as listed, and nothing else.");
    }

    private static AnswerParseResult ParseScore(TaskProfile profile, string? raw)
    {
        foreach (var candidate in Candidates(raw))
        {
            if (ScoreText.TryParse(candidate, out var score)
                && (profile.MinScore is not { } min || score >= min)
                && (profile.MaxScore is not { } max || score <= max))
            {
                return AnswerParseResult.Ok(ScoreText.Format(score));
            }
        }

        return AnswerParseResult.Fail(
            $"Expected {DescribeRange(profile)}; received {AnswerErrorText.Received(raw)}. Answer with the number only.");
    }

    private static AnswerParseResult ParseOption(string query, string? raw)
    {
        var options = OpinionOptions.Extract(query);
        if (options.Count == 0)
        {
            return AnswerParseResult.Fail(
                $"The question lists no options, so the answer {AnswerErrorText.Received(raw)} cannot be checked. Write the options in the query after a line '{OpinionOptions.Header}', one per line such as 'A. text'.");
        }

        foreach (var candidate in Candidates(raw))
        {
            if (MatchOption(options, candidate) is { } option)
            {
                return AnswerParseResult.Ok(option.Text);
            }
        }

        var listed = options.Select(o => o.Marker.Length == 0 ? o.Text : $"{o.Marker}. {o.Text}").ToList();
        return AnswerParseResult.Fail(
            $"Expected exactly one of the options {AnswerErrorText.Describe(listed)}; received {AnswerErrorText.Received(raw)}. Answer with the option text or its letter alone.");
    }

    private static AnswerParseResult ParseText(string? raw)
    {
        var text = raw?.Trim() ?? "";
        return text.Length > 0
            ? AnswerParseResult.Ok(text)
            : AnswerParseResult.Fail($"Expected a non-empty answer; received {AnswerErrorText.Received(raw)}. Answer with the text itself.");
    }

    private static OpinionOption? MatchOption(IReadOnlyList<OpinionOption> options, string candidate)
    {
        if (FindByText(options, candidate) is { } byText)
        {
            return byText;
        }

        var markerOnly = MarkerOnly().Match(candidate);
        if (markerOnly.Success)
        {
            return FindByMarker(options, markerOnly.Groups["marker"].Value);
        }

        if (!OpinionOptions.TryParseLine(candidate, out var written))
        {
            return null;
        }

        if (written.Marker.Length == 0)
        {
            return FindByText(options, written.Text);
        }

        // "B. Somewhat" counts only when marker and text name the same option: a model that writes
        // one option's marker with another option's text has not given one answer.
        var named = FindByMarker(options, written.Marker);
        return named is not null && string.Equals(named.Text, written.Text, StringComparison.OrdinalIgnoreCase) ? named : null;
    }

    private static OpinionOption? FindByText(IReadOnlyList<OpinionOption> options, string text) =>
        options.FirstOrDefault(o => string.Equals(o.Text, text, StringComparison.OrdinalIgnoreCase));

    private static OpinionOption? FindByMarker(IReadOnlyList<OpinionOption> options, string marker) =>
        options.FirstOrDefault(o => o.Marker.Length > 0 && string.Equals(o.Marker, marker, StringComparison.OrdinalIgnoreCase));

    // The trimmed answer first, then the same without wrapping quotes and a final period.
    private static IEnumerable<string> Candidates(string? raw)
    {
        var text = raw?.Trim() ?? "";
        yield return text;

        var unwrapped = Unwrap(text);
        if (!string.Equals(unwrapped, text, StringComparison.Ordinal))
        {
            yield return unwrapped;
        }
    }

    private static string Unwrap(string text)
    {
        var result = text;
        if (result.Length >= 2 && IsQuotePair(result[0], result[^1]))
        {
            result = result[1..^1].Trim();
        }

        if (result.EndsWith('.'))
        {
            result = result[..^1].TrimEnd();
        }

        return result;
    }

    private static bool IsQuotePair(char open, char close) =>
        (open, close) is ('"', '"') or ('\'', '\'') or ('`', '`') or ('\u201C', '\u201D') or ('\u2018', '\u2019');

    private static string DescribeRange(TaskProfile profile) => (profile.MinScore, profile.MaxScore) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"an integer score from {min} to {max}"),
        ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"an integer score of at least {min}"),
        (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"an integer score of at most {max}"),
        _ => "an integer score",
    };

    [GeneratedRegex(@"^(?:\((?<marker>[A-Za-z]|[0-9]{1,2})\)|(?<marker>[A-Za-z]|[0-9]{1,2})[.)]?)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkerOnly();
}
