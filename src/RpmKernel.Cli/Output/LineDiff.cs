using System.Globalization;

namespace RpmKernel.Cli.Output;

/// <summary>A unified line diff (<c>diff -u</c> style) from a longest common subsequence of lines.</summary>
internal static class LineDiff
{
    /// <summary>Unchanged lines shown around each change.</summary>
    public const int DefaultContext = 3;

    /// <summary>The diff of two texts; empty when they have the same lines.</summary>
    public static IReadOnlyList<string> Unified(string oldName, string newName, string oldText, string newText, int context = DefaultContext)
    {
        var edits = Edits(Lines(oldText), Lines(newText));
        if (edits.All(e => e.Kind == ' '))
        {
            return [];
        }

        var output = new List<string> { "--- " + oldName, "+++ " + newName };
        var next = 0;
        while (edits.FindIndex(next, e => e.Kind != ' ') is var first and >= 0)
        {
            // A hunk runs on while the unchanged gap to the next change is short enough to show whole.
            var last = first;
            for (var k = first + 1; k < edits.Count; k++)
            {
                if (edits[k].Kind != ' ')
                {
                    if (k - last - 1 > 2 * context)
                    {
                        break;
                    }

                    last = k;
                }
            }

            var start = Math.Max(next, first - context);
            var end = Math.Min(edits.Count, last + context + 1);
            var hunk = edits.GetRange(start, end - start);
            var oldLength = hunk.Count(e => e.Kind != '+');
            var newLength = hunk.Count(e => e.Kind != '-');
            output.Add(string.Create(CultureInfo.InvariantCulture,
                $"@@ -{hunk[0].OldLine + (oldLength == 0 ? 0 : 1)},{oldLength} +{hunk[0].NewLine + (newLength == 0 ? 0 : 1)},{newLength} @@"));
            output.AddRange(hunk.Select(e => e.Kind + e.Text));
            next = end;
        }

        return output;
    }

    private static string[] Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : text.Length == 0 ? [] : lines;
    }

    /// <summary>Every line as kept (' '), deleted ('-') or inserted ('+'), with the old and new lines before it.</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        // common[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var edits = new List<Edit>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                edits.Add(new(' ', a[x], x++, y++));
            }
            else if (y == b.Length || (x < a.Length && common[x + 1, y] >= common[x, y + 1]))
            {
                edits.Add(new('-', a[x], x++, y));
            }
            else
            {
                edits.Add(new('+', b[y], x, y++));
            }
        }

        return edits;
    }

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);
}
