using System.Text.RegularExpressions;

namespace RpmKernel.Cli.Output;

/// <summary>
/// Makes the commands a message tells the user to run (<c>`rpmk explain --user ann --task ...`</c>) work when
/// pasted in the same folder: a run given <c>--config FILE</c> repeats it, by its full path, in each of them, since
/// that file may hold the store, the prompts folder or the model the hint needs.
/// </summary>
internal static partial class CliHints
{
    /// <summary><paramref name="text"/> with <c>--config <paramref name="configFile"/></c> after every <c>`rpmk</c> that lacks it; unchanged without a file.</summary>
    public static string Repeat(string text, string? configFile)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(configFile))
        {
            return text;
        }

        var full = Path.GetFullPath(configFile);
        var word = full.Contains(' ', StringComparison.Ordinal) ? $"\"{full}\"" : full;
        return HintedCommand().Replace(text, _ => $"`rpmk --config {word} ");
    }

    /// <summary>The start of a backticked <c>rpmk</c> command not already given a settings file.</summary>
    [GeneratedRegex("`rpmk (?!--config )")]
    private static partial Regex HintedCommand();
}
