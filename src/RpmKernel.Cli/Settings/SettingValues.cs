using Microsoft.Extensions.Configuration;
using RpmKernel.Core.Errors;

namespace RpmKernel.Cli.Settings;

/// <summary>
/// Checks and rewrites the values the configuration binder reads badly: durations in units
/// (<c>5s</c> becomes <c>00:00:05</c>; a bare <c>5</c> is refused instead of read as five days), and
/// enum values, refused with the list of valid ones.
/// </summary>
internal static class SettingValues
{
    /// <summary>The configuration with durations rewritten; throws <see cref="RpmInputException"/> naming the key of a bad value.</summary>
    public static IConfiguration Normalize(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var rewritten = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var leaf in SettingTree.Leaves)
        {
            var text = configuration[leaf.Key];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (leaf.Type == typeof(TimeSpan))
            {
                if (!DurationSetting.TryParse(text, out var duration, out var problem))
                {
                    throw new RpmInputException(
                        $"{leaf.Key} = '{text}' {problem}; write a duration such as {DurationSetting.Accepted} (ms, s, m, h, d; a bare number is refused, it would be read as days).");
                }

                rewritten[leaf.Key] = SettingTree.Format(duration);
            }
            else if (leaf.Type.IsEnum && !Enum.GetNames(leaf.Type).Contains(text.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                throw new RpmInputException($"{leaf.Key} = '{text}' is not valid; use one of {string.Join(", ", Enum.GetNames(leaf.Type))}.");
            }
        }

        return rewritten.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(rewritten).Build();
    }
}
