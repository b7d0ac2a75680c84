using System.Text;
using System.Text.RegularExpressions;
using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests.Support;

/// <summary>One shell line of README: the variables set before the command, its words, and the file its stdout is redirected to.</summary>
/// <param name="Line">The line as README has it.</param>
/// <param name="Environment">Variables given before the command (<c>Rpm__Store__Sqlite__Path=... rpmk import</c>).</param>
/// <param name="Args">The words after <c>rpmk</c>.</param>
/// <param name="StdoutFile">The file after <c>&gt;</c>, or null.</param>
internal sealed record ShellLine(string Line, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Args, string? StdoutFile);

/// <summary>
/// The shell blocks of README.md read the way a newcomer copies them, so the walk test runs README's own
/// commands and README and test cannot drift: fenced <c>bash</c>/<c>sh</c> blocks, their <c>rpmk</c> lines
/// (with or without a <c>$ </c> prompt, trailing <c># comments</c> dropped) and their here-documents.
/// </summary>
internal static partial class ReadmeShell
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyList<string>>> s_blocks = new(ReadBlocks);

    /// <summary>The whole README.</summary>
    public static string Text { get; } = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    /// <summary>The lines of the first shell block that contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> BlockContaining(string text) =>
        s_blocks.Value.FirstOrDefault(b => b.Any(l => l.Contains(text, StringComparison.Ordinal)))
        ?? throw new InvalidOperationException($"README.md has no bash/sh block containing '{text}'; the walk test runs that block.");

    /// <summary>The <c>rpmk</c> commands of <paramref name="block"/>, in order.</summary>
    public static IReadOnlyList<ShellLine> Commands(IReadOnlyList<string> block)
    {
        var commands = new List<ShellLine>();
        var inHereDocument = false;
        foreach (var line in block)
        {
            if (inHereDocument)
            {
                inHereDocument = line.Trim() != "EOF";
            }
            else if (line.Contains("<<'EOF'", StringComparison.Ordinal))
            {
                inHereDocument = true;
            }
            else if (Command(line) is { } command)
            {
                commands.Add(command);
            }
        }

        return commands;
    }

    /// <summary>The first <c>rpmk</c> command of any shell block whose words start with <paramref name="prefix"/> (such as <c>demo</c>).</summary>
    public static ShellLine First(string prefix) =>
        s_blocks.Value.SelectMany(Commands).FirstOrDefault(c => string.Join(' ', c.Args).StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"README.md has no shell line `rpmk {prefix}...`; the walk test runs it.");

    /// <summary>The body of the here-document <c>cat &gt; <paramref name="file"/> &lt;&lt;'EOF'</c> in <paramref name="block"/>.</summary>
    public static string HereDocument(IReadOnlyList<string> block, string file)
    {
        var start = block.ToList().FindIndex(l => l.TrimStart().StartsWith($"cat > {file} <<'EOF'", StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException($"The README block has no `cat > {file} <<'EOF'`.");
        }

        var body = block.Skip(start + 1).TakeWhile(l => l.Trim() != "EOF").ToList();
        return string.Join('\n', body) + "\n";
    }

    /// <summary>The output lines README shows after the <c>$ </c> line <paramref name="command"/>, up to the next prompt.</summary>
    public static IReadOnlyList<string> OutputOf(IReadOnlyList<string> block, ShellLine command)
    {
        var start = block.ToList().IndexOf(command.Line);
        return start < 0 ? [] : block.Skip(start + 1).TakeWhile(l => !l.StartsWith("$ ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A regex for a README output line in which every number stands for any number (counts and times differ per run).</summary>
    public static Regex Pattern(string readmeLine) =>
        new("^" + Number().Replace(Regex.Escape(readmeLine.Trim()), @"\d+") + "$", RegexOptions.Multiline);

    /// <summary>Parses one README line, or null when it is not an <c>rpmk</c> command.</summary>
    public static ShellLine? Command(string line)
    {
        var text = line.Trim();
        if (!CommandLine().IsMatch(text))
        {
            return null;
        }

        if (text.StartsWith("$ ", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        var words = Words(text);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        for (; i < words.Count && Assignment().Match(words[i]) is { Success: true } assignment; i++)
        {
            environment[assignment.Groups[1].Value] = assignment.Groups[2].Value;
        }

        if (i >= words.Count || words[i] != "rpmk")
        {
            return null;
        }

        var args = new List<string>();
        string? stdout = null;
        for (i++; i < words.Count; i++)
        {
            if (words[i] == ">" && i + 1 < words.Count)
            {
                stdout = words[++i];
            }
            else if (words[i] is "&&" or "|" or ";")
            {
                // A compound line (`mkdir ... && rpmk ...`) is not a single command to run.
                return null;
            }
            else
            {
                args.Add(words[i]);
            }
        }

        return new ShellLine(line, environment, args, stdout);
    }

    /// <summary>Shell words: whitespace separates, single and double quotes group, an unquoted <c>#</c> after a space starts a comment.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else if (q == '"' && c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$')
                {
                    word.Append(text[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new InvalidOperationException($"README line has an unclosed quote: {text}");
        }

        Flush();
        return words;

        void Flush()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }

    private static List<IReadOnlyList<string>> ReadBlocks()
    {
        var blocks = new List<IReadOnlyList<string>>();
        List<string>? current = null;
        foreach (var line in Text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (current is null && (trimmed == "```bash" || trimmed == "```sh"))
            {
                current = [];
            }
            else if (current is not null && trimmed == "```")
            {
                blocks.Add(current);
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")]
    private static partial Regex Assignment();

    /// <summary>A line that runs rpmk: an optional prompt, optional variable assignments, then <c>rpmk</c>.</summary>
    [GeneratedRegex(@"^(\$ )?([A-Za-z_][A-Za-z0-9_]*=\S* )*rpmk( |$)")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
