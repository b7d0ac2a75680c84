using System.Text;

namespace RpmKernel.Evaluation.Comparing;

/// <summary>
/// One configuration of a comparison run, as overrides of the base settings: a prompt version per RPM
/// stage or baseline prompt, and the chat model. The empty variant is the base configuration.
/// </summary>
internal sealed record EvalVariant(IReadOnlyList<(string Key, string Value)> Overrides)
{
    /// <summary>The key of the chat-model override (<c>--compare-model</c>).</summary>
    public const string ModelKey = "model";

    /// <summary>The variant's name: its overrides as <c>generate=v2 model=gpt-4o</c> (<c>base</c> when there are none).</summary>
    public string Name => Overrides.Count == 0 ? "base" : string.Join(' ', Overrides.Select(o => $"{o.Key}={o.Value}"));

    /// <summary>The chat model this variant pins, or null to keep the configured one.</summary>
    public string? Model => Overrides.Where(o => o.Key == ModelKey).Select(o => o.Value).FirstOrDefault();

    /// <summary>The prompt versions this variant pins, by stage or baseline prompt name.</summary>
    public IReadOnlyDictionary<string, string> Prompts =>
        Overrides.Where(o => o.Key != ModelKey).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

    /// <summary>The value of one override, or null when the variant does not set it.</summary>
    public string? ValueOf(string key) => Overrides.Where(o => o.Key == key).Select(o => o.Value).FirstOrDefault();

    /// <summary>A folder name for the variant: the name with every character outside <c>[A-Za-z0-9._=-]</c> replaced, overrides joined by <c>+</c>.</summary>
    public string Folder
    {
        get
        {
            var folder = new StringBuilder();
            foreach (var c in Name)
            {
                folder.Append(c == ' ' ? '+' : char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '=' or '-' ? c : '_');
            }

            return folder.ToString();
        }
    }
}
