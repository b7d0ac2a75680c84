using System.Collections.Concurrent;
using RpmKernel.Core.Tasks;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The last profile parsed from each task file, reused while the file's text is the same: every
/// operation names its task, and parsing the YAML again on every personalize call cost a noticeable
/// part of its plumbing. The file is still read each time, so an edited profile is parsed anew on its
/// next use and an invalid one fails as before; a <see cref="TaskProfile"/> is immutable, so callers
/// may share it.
/// </summary>
internal sealed class ParsedTaskProfiles
{
    private readonly ConcurrentDictionary<string, (string Yaml, TaskProfile Profile)> _last = new(StringComparer.Ordinal);

    /// <summary>Whether a profile from <paramref name="source"/> has been parsed.</summary>
    public bool Has(string source) => _last.ContainsKey(source);

    /// <summary>The profile of <paramref name="yaml"/> read from <paramref name="source"/>, parsed once per distinct text.</summary>
    public TaskProfile Parse(string yaml, string source)
    {
        if (_last.TryGetValue(source, out var last) && string.Equals(last.Yaml, yaml, StringComparison.Ordinal))
        {
            return last.Profile;
        }

        var profile = TaskProfileParser.Parse(yaml, source);
        _last[source] = (yaml, profile);
        return profile;
    }
}
