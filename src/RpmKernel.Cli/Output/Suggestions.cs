using System.CommandLine;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Output;

/// <summary>"Did you mean ...?" for mistyped commands and options: the nearest name the command knows.</summary>
internal static class Suggestions
{
    /// <summary>One sentence per unmatched token that is near a known name; empty when none is.</summary>
    public static string For(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult.Command;
        var sentences = new List<string>();
        foreach (var token in parseResult.UnmatchedTokens.Distinct(StringComparer.Ordinal))
        {
            var candidates = token.StartsWith('-') ? OptionNames(parseResult, command) : command.Subcommands.Select(c => c.Name);
            if (Nearest(token, candidates) is { } nearest)
            {
                sentences.Add($"Did you mean `{nearest}` instead of `{token}`?");
            }
        }

        return string.Join(" ", sentences);
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="typed"/>, or null when none is near.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (KeyDistance.IsNear(typed.TrimStart('-'), candidate.TrimStart('-'), out var distance) && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static IEnumerable<string> OptionNames(ParseResult parseResult, Command command)
    {
        var options = command.Options.Concat(parseResult.RootCommandResult.Command.Options.Where(o => o.Recursive));
        return options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
    }
}
