using System.Globalization;
using RpmKernel.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RpmKernel.Core.Tasks;

/// <summary>
/// Reads the top-level keys of a task profile file and their values, turning every YAML problem
/// into an <see cref="RpmInputException"/> that names the file, the line and the fix.
/// </summary>
internal sealed class TaskProfileYaml
{
    /// <summary>Every key a profile may have; anything else is a typo that must not pass silently.</summary>
    public static readonly IReadOnlyList<string> Keys = ["name", "kind", "description", "instruction", "labels", "min_score", "max_score"];

    private const string SyntaxFix = "Fix the YAML: one 'key: value' per line, each key once, labels as a '- item' list.";

    private readonly Dictionary<string, YamlNode> _values;

    private TaskProfileYaml(string source, Dictionary<string, YamlNode> values)
    {
        Source = source;
        _values = values;
    }

    /// <summary>Where the profile came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Loads the single mapping of <paramref name="yaml"/> and rejects unknown keys.</summary>
    public static TaskProfileYaml Load(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new RpmInputException(
                $"Task profile '{source}' is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}. {SyntaxFix}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some truncated input such as an unclosed '['.
            throw new RpmInputException($"Task profile '{source}' is not valid YAML (it ends inside an unclosed value). {SyntaxFix}", e);
        }

        if (stream.Documents.Count == 0)
        {
            throw Error(source, "is empty", "Write at least 'name', 'kind' and 'instruction'.");
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(source, $"holds {stream.Documents.Count} YAML documents", "Keep one profile per file.");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(source, "is not a mapping of keys to values", "Write one 'key: value' per line, for example 'name: lamp2'.");
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value?.Trim() ?? "";
            if (!Keys.Contains(key, StringComparer.Ordinal))
            {
                // The key itself is not echoed: the file may not be a profile at all, and its text stays private.
                var guess = Keys.FirstOrDefault(k => IsTypoOf(key, k));
                throw Error(source, $"has an unknown key at line {keyNode.Start.Line}{(guess is null ? "" : $" (did you mean '{guess}'?)")}",
                    $"Valid keys are {string.Join(", ", Keys)}; fix the spelling or remove the key.");
            }

            values[key] = value;
        }

        return new TaskProfileYaml(source, values);
    }

    /// <summary>The trimmed text of a scalar key; null when the key is absent or empty.</summary>
    public string? Text(string key)
    {
        if (!_values.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            throw Error(Source, $"has a list or mapping for '{key}' at line {node.Start.Line}", $"Give '{key}' a single text value.");
        }

        return IsNull(scalar) ? null : scalar.Value!.Trim();
    }

    /// <summary>The integer value of a key; null when the key is absent or empty.</summary>
    public int? Integer(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(Source, $"has a '{key}' at line {_values[key].Start.Line} that is not an integer", $"Give '{key}' a whole number such as 1.");
    }

    /// <summary>The trimmed items of a list key; empty when the key is absent or empty.</summary>
    public IReadOnlyList<string> List(string key)
    {
        if (!_values.TryGetValue(key, out var node) || (node is YamlScalarNode scalar && IsNull(scalar)))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(Source, $"has '{key}' at line {node.Start.Line} that is not a list", $"Write one '- item' per line under '{key}:'.");
        }

        var items = new List<string>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is not YamlScalarNode item || IsNull(item))
            {
                throw Error(Source, $"has an empty or nested item in '{key}' at line {child.Start.Line}", $"Make every item of '{key}' a non-empty text.");
            }

            items.Add(item.Value!.Trim());
        }

        return items;
    }

    /// <summary>The line of a key's value, for messages that must not quote the value.</summary>
    public long LineOf(string key) => _values.TryGetValue(key, out var node) ? node.Start.Line : 0;

    /// <summary>An error about the profile: what is wrong and how to fix it.</summary>
    public static RpmInputException Error(string source, string problem, string fix) =>
        new($"Task profile '{source}' {problem}. {fix}");

    // "key:", "key: ~" and "key: null" all mean no value in YAML; a quoted "null" is text.
    private static bool IsNull(YamlScalarNode scalar) =>
        string.IsNullOrWhiteSpace(scalar.Value)
        || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL");

    // One edit (a swap of neighbours, one letter changed, added or dropped) away from a valid key.
    private static bool IsTypoOf(string key, string valid)
    {
        if (key.Length > 32 || Math.Abs(key.Length - valid.Length) > 1 || key == valid)
        {
            return false;
        }

        var a = key.ToLowerInvariant();
        if (a == valid)
        {
            return true;
        }

        var i = 0;
        while (i < Math.Min(a.Length, valid.Length) && a[i] == valid[i])
        {
            i++;
        }

        return a.Length == valid.Length
            ? a[(i + 1)..] == valid[(i + 1)..] || (i + 1 < a.Length && a[i] == valid[i + 1] && a[i + 1] == valid[i] && a[(i + 2)..] == valid[(i + 2)..])
            : a.Length > valid.Length ? a[(i + 1)..] == valid[i..] : a[i..] == valid[(i + 1)..];
    }
}
