using System.Globalization;
using System.Text.RegularExpressions;

namespace RpmKernel.Cli.Settings;

/// <summary>
/// Reads a duration setting: <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c> or a time span
/// such as <c>00:00:05</c>. A bare number is refused: .NET would read <c>5</c> as five days.
/// </summary>
internal static partial class DurationSetting
{
    public const string Accepted = "500ms, 5s, 2m, 1h or 00:00:05";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why, in words for an error message.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        value = default;
        problem = null;
        var match = WithUnit().Match(trimmed);
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups[2].Value.ToLowerInvariant();
            var milliseconds = unit switch
            {
                "ms" => amount,
                "s" => amount * 1_000,
                "m" => amount * 60_000,
                "h" => amount * 3_600_000,
                _ => amount * 86_400_000,
            };
            if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
            {
                problem = "is too long";
                return false;
            }

            value = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            problem = "is a bare number without a unit";
            return false;
        }

        if (trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        problem = "is not a duration";
        return false;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithUnit();
}
