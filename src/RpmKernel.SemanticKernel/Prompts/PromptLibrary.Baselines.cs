using System.Collections.Concurrent;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Baseline and ablation prompts (<c>baselines/&lt;name&gt;/&lt;version&gt;.yaml</c>, bundled or from the
/// prompts directory), read and checked like the stage prompts. A baseline is invoked by its key
/// <c>baselines/&lt;name&gt;/&lt;version&gt;</c> wherever a stage name is accepted.
/// </summary>
internal sealed partial class PromptLibrary
{
    /// <summary>The folder of the baseline prompts in the prompts tree.</summary>
    public const string BaselinesFolder = "baselines";

    private readonly ConcurrentDictionary<string, PromptFile> _baselines = new(StringComparer.Ordinal);

    /// <summary>The key of a baseline prompt, usable as a stage name: <c>baselines/&lt;name&gt;/&lt;version&gt;</c>.</summary>
    public static string BaselineKey(string name, string version = DefaultVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return $"{BaselinesFolder}/{name}/{version}";
    }

    /// <summary>The names of the baseline prompts present (bundled and from the directory).</summary>
    public IReadOnlyList<string> BaselineNames => _sources.FoldersIn(BaselinesFolder);

    /// <summary>The versions present for a baseline prompt (bundled and from the directory), in order.</summary>
    public IReadOnlyList<string> BaselineVersions(string name) => _sources.FilesIn($"{BaselinesFolder}/{name}").Select(f => f.Name).ToList();

    /// <summary>Where a version of a baseline prompt comes from (<see cref="BundledSource"/> or the directory); null when it is not present.</summary>
    public string? BaselineSourceOf(string name, string version) => _sources.Find(BaselineKey(name, version) + ".yaml")?.Source;

    /// <summary>Reads (once) and checks a baseline prompt; a missing or invalid file is an <see cref="RpmInputException"/>.</summary>
    public PromptFile GetBaseline(string name, string version = DefaultVersion)
    {
        var key = BaselineKey(name, version);
        return _baselines.GetOrAdd(key, _ =>
        {
            var file = _sources.Find(key + ".yaml");
            return file is not null
                ? PromptFileParser.Parse(file.Read(), key, version, file.Location, file.Source)
                : throw new RpmInputException(
                    $"Baseline prompt '{name}' has no version '{version}' ({_sources.Missing(key + ".yaml")}); baselines present: {(BaselineNames.Count == 0 ? "none" : string.Join(", ", BaselineNames))}.");
        });
    }

    private PromptFile? TryGetBaseline(string key)
    {
        var parts = key.Split('/');
        return parts is [BaselinesFolder, var name, var version] ? GetBaseline(name, version) : null;
    }
}
