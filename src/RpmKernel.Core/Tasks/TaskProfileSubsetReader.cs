using System.Diagnostics.CodeAnalysis;

namespace RpmKernel.Core.Tasks;

/// <summary>
/// Reads, without YamlDotNet, the small part of YAML task profiles are written in: top-level
/// <c>key: value</c> lines with plain one-line values, <c>&gt;</c>, <c>&gt;-</c>, <c>|</c> or <c>|-</c>
/// blocks of one indentation, <c>- item</c> lists, blank lines and whole-line comments. Anything else
/// (quotes, flow lists, comments after a value, tabs, an unknown or repeated key, a malformed line)
/// is declined, so YamlDotNet reads it and reports its errors as before. YamlDotNet's first parse
/// builds its scanner and compiles a regular expression, which one-shot <c>personalize</c> paid for
/// before its first model call.
/// </summary>
internal static class TaskProfileSubsetReader
{
    // A plain scalar may not start with these (some only before a space, but the subset declines them all).
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    private static readonly System.Buffers.SearchValues<char> KeyCharacters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz_");

    /// <summary>The profile's values by key, or false when the text is outside the subset.</summary>
    public static bool TryRead(string yaml, [NotNullWhen(true)] out Dictionary<string, TaskProfileNode>? values)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        values = null;
        if (yaml.AsSpan().IndexOfAny('\r', '\t', '\uFEFF') >= 0)
        {
            return false;
        }

        var lines = yaml.Split('\n');
        var found = new Dictionary<string, TaskProfileNode>(StringComparer.Ordinal);
        var i = 0;
        while (i < lines.Length)
        {
            if (IsBlank(lines[i]) || lines[i].StartsWith('#'))
            {
                i++;
                continue;
            }

            if (!TryKey(lines[i], out var key, out var rest) || !TaskProfileYaml.Keys.Contains(key, StringComparer.Ordinal) || found.ContainsKey(key))
            {
                return false;
            }

            // The lines under the key: blank or indented, without the blank ones that end it.
            var first = i + 1;
            var end = first;
            while (end < lines.Length && (IsBlank(lines[end]) || lines[end][0] == ' '))
            {
                end++;
            }

            var next = end;
            while (end > first && IsBlank(lines[end - 1]))
            {
                end--;
            }

            var block = lines[first..end];
            var node = rest switch
            {
                "" => block.Length == 0 ? new TaskProfileNode(TaskProfileNodeKind.Scalar, i + 1, "") : Sequence(block, first + 1),
                ">" or ">-" or "|" or "|-" => Block(block, rest, i + 1),
                _ => block.Length == 0 && IsSafePlain(rest) ? new TaskProfileNode(TaskProfileNodeKind.Scalar, i + 1, rest) : null,
            };
            if (node is null)
            {
                return false;
            }

            found[key] = node;
            i = next;
        }

        if (found.Count == 0)
        {
            return false;
        }

        values = found;
        return true;
    }

    private static bool TryKey(string line, out string key, out string rest)
    {
        key = rest = "";
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || line.AsSpan(0, colon).IndexOfAnyExcept(KeyCharacters) >= 0
            || (colon + 1 < line.Length && line[colon + 1] != ' '))
        {
            return false;
        }

        key = line[..colon];
        rest = line[(colon + 1)..].Trim(' ');
        return true;
    }

    // "- item" lines of one indentation; blank lines between them are allowed.
    private static TaskProfileNode? Sequence(string[] block, int firstLine)
    {
        var items = new List<TaskProfileNode>(block.Length);
        var indent = -1;
        var start = 0;
        for (var j = 0; j < block.Length; j++)
        {
            var line = block[j];
            if (IsBlank(line))
            {
                continue;
            }

            var dash = line.Length - line.TrimStart(' ').Length;
            if (indent < 0)
            {
                indent = dash;
                start = firstLine + j;
            }

            var text = line.Length > dash + 2 && line[dash] == '-' && line[dash + 1] == ' ' ? line[(dash + 2)..].Trim(' ') : "";
            if (dash != indent || !IsSafePlain(text))
            {
                return null;
            }

            items.Add(new TaskProfileNode(TaskProfileNodeKind.Scalar, firstLine + j, text));
        }

        return new TaskProfileNode(TaskProfileNodeKind.Sequence, start, Items: items);
    }

    // A literal (|) or folded (>) block whose lines share one indentation and end in no space, clipped or stripped (-).
    private static TaskProfileNode? Block(string[] block, string header, int line)
    {
        if (block.Length == 0 || IsBlank(block[0]))
        {
            return null;
        }

        var indent = block[0].Length - block[0].TrimStart(' ').Length;
        var text = new System.Text.StringBuilder();
        var folded = header[0] == '>';
        var blanks = 0;
        for (var j = 0; j < block.Length; j++)
        {
            var each = block[j];
            if (IsBlank(each))
            {
                if (each.Length > indent)
                {
                    return null;
                }

                blanks++;
                continue;
            }

            if (each.Length - each.TrimStart(' ').Length != indent || each.EndsWith(' '))
            {
                return null;
            }

            if (j > 0)
            {
                text.Append(folded && blanks == 0 ? " " : "").Append('\n', folded ? blanks : blanks + 1);
            }

            text.Append(each, indent, each.Length - indent);
            blanks = 0;
        }

        if (header.Length == 1)
        {
            text.Append('\n');
        }

        return new TaskProfileNode(TaskProfileNodeKind.Scalar, line, text.ToString(), Plain: false);
    }

    private static bool IsSafePlain(string text) =>
        text.Length > 0
        && !Indicators.Contains(text[0], StringComparison.Ordinal)
        && !text.EndsWith(':')
        && !text.Contains(": ", StringComparison.Ordinal)
        && !text.Contains(" #", StringComparison.Ordinal)
        && !text.AsSpan().ContainsAnyInRange('\0', '\u001f');

    private static bool IsBlank(string line) => line.AsSpan().IndexOfAnyExcept(' ') < 0;
}
