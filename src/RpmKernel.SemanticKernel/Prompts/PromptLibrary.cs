using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The versioned prompt templates (<c>rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c>) and task profiles
/// (<c>tasks/*.yaml</c>). They ship inside this assembly; <see cref="RpmPromptOptions.Directory"/>
/// layers a folder of the same shape on top, whose files add versions or replace the bundled file at
/// the same path. The active version of every stage must exist when the library is created; a file of
/// the user folder is also read and checked then, so a broken prompt is reported at start-up, not
/// mid-run. A bundled prompt (checked by the tests of every build) is parsed and compiled on its first
/// use, so a command that calls no model, such as <c>rpmk explain</c>, compiles none.
/// </summary>
internal sealed partial class PromptLibrary
{
    /// <summary>The version a stage uses unless configured otherwise.</summary>
    public const string DefaultVersion = "v1";

    /// <summary>The <see cref="PromptFile.Source"/> of a prompt shipped inside the package.</summary>
    public const string BundledSource = "bundled";

    private readonly PromptSources _sources;
    private readonly Dictionary<string, Lazy<PromptFile>> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);
    private readonly ParsedTaskProfiles _parsedTasks = new();

    private PromptLibrary(PromptSources sources, IReadOnlyDictionary<string, string> versions)
    {
        _sources = sources;
        foreach (var stage in RpmStage.All)
        {
            var version = versions.TryGetValue(stage, out var v) && !string.IsNullOrWhiteSpace(v) ? v : DefaultVersion;
            _active[stage] = Select(stage, version);
        }

        ActiveVersions = _versions.AsReadOnly();

        var unknown = versions.Keys.Where(k => !RpmStage.All.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpmInputException(
                $"Rpm:Prompts:Versions names unknown stage(s) {string.Join(", ", unknown)}; the stages are {string.Join(", ", RpmStage.All)}.");
        }
    }

    /// <summary>The full path of the user prompts folder layered over the bundled prompts, or null when only the bundled ones are used.</summary>
    public string? Directory => _sources.Directory;

    /// <summary>The active version of every stage.</summary>
    public IReadOnlyDictionary<string, string> ActiveVersions { get; }

    /// <summary>The stages whose active prompt has been read and compiled so far, in pipeline order.</summary>
    public IReadOnlyList<string> LoadedStages => RpmStage.All.Where(s => _active[s].IsValueCreated).ToList();

    /// <summary>Whether the active prompt of <paramref name="stage"/> has been read and compiled.</summary>
    public bool IsLoaded(string stage) => _active.TryGetValue(stage, out var file) && file.IsValueCreated;

    /// <summary>Loads the bundled prompts, with <see cref="RpmPromptOptions.Directory"/> (when set) layered on top.</summary>
    /// <exception cref="RpmInputException">The directory does not exist, or a selected version is missing or invalid.</exception>
    public static PromptLibrary Load(RpmPromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PromptLibrary(PromptSources.Create(options.Directory), options.Versions);
    }

    /// <summary>The active prompt of a stage.</summary>
    public PromptFile Get(string stage) =>
        _active.TryGetValue(stage, out var file)
            ? file.Value
            : TryGetBaseline(stage) ?? throw new RpmInputException($"Unknown prompt stage '{stage}'; the stages are {string.Join(", ", RpmStage.All)}.");

    /// <summary>A specific version of a stage's prompt.</summary>
    public PromptFile Get(string stage, string version) => Read(stage, version);

    /// <summary>The versions present for a stage (bundled and from the directory), in order.</summary>
    public IReadOnlyList<string> Versions(string stage) => _sources.FilesIn(StageFolder(stage)).Select(f => f.Name).ToList();

    /// <summary>
    /// Where a version of a stage comes from: <see cref="BundledSource"/>, or the directory path when
    /// the user folder adds or replaces it; null when the version is not present.
    /// </summary>
    public string? SourceOf(string stage, string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return _sources.Find(StageKey(stage, version))?.Source;
    }

    /// <summary>The names of the task profiles present (bundled and from the directory).</summary>
    public IReadOnlyList<string> TaskNames => _sources.FilesIn("tasks").Select(f => f.Name).ToList();

    /// <summary>A task profile by name (<c>lamp2</c>, bundled or from the directory) or by path to a profile YAML.</summary>
    public TaskProfile GetTask(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (TaskProfileReference.IsPath(nameOrPath))
        {
            return _parsedTasks.Parse(TaskProfileReference.ReadFile(nameOrPath, TaskNames), nameOrPath);
        }

        var named = TaskProfileReference.IsBundledName(nameOrPath) ? _sources.Find($"tasks/{nameOrPath}.yaml") : null;
        return named is not null
            ? _parsedTasks.Parse(named.Read(), named.Location)
            : throw new RpmInputException(TaskProfileReference.IsBundledName(nameOrPath)
                ? $"Unknown task '{nameOrPath}'; use one of {string.Join(", ", TaskNames)} or the path to a profile YAML. A task ingested from a profile file is found by that file's path (such as --task ./tasks/{nameOrPath}.yaml), or by name once the file is in Rpm:Prompts:Directory as tasks/{nameOrPath}.yaml."
                : $"Unknown task '{nameOrPath}'; use one of {string.Join(", ", TaskNames)} or the path to a profile YAML.");
    }

    /// <summary>
    /// The name of a task as <see cref="GetTask"/> would give it. A bundled profile is named after its
    /// file (its tests check that), so its name is known without parsing it: <c>rpmk explain</c>,
    /// <c>forget</c>, <c>users</c> and <c>export</c> need only the name. A profile of the user's folder, or
    /// given by path, is read and checked as <see cref="GetTask"/> does.
    /// </summary>
    public string GetTaskName(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        return !TaskProfileReference.IsPath(nameOrPath)
            && TaskProfileReference.IsBundledName(nameOrPath)
            && _sources.Find($"tasks/{nameOrPath}.yaml") is { Source: BundledSource }
            ? nameOrPath
            : GetTask(nameOrPath).Name;
    }

    /// <summary>Whether the profile of <paramref name="nameOrPath"/> has been parsed by this library (for tests).</summary>
    internal bool IsTaskParsed(string nameOrPath) =>
        _parsedTasks.Has(_sources.Find($"tasks/{nameOrPath}.yaml")?.Location ?? nameOrPath);

    /// <summary>
    /// The active prompt of a stage: a file of the user folder is read and checked now, a bundled one
    /// on first use. A missing version is reported now either way.
    /// </summary>
    private Lazy<PromptFile> Select(string stage, string version)
    {
        var file = Find(stage, version);
        _versions[stage] = version;
        if (file.Source != BundledSource)
        {
            return new Lazy<PromptFile>(Parse(file, stage, version));
        }

        return new Lazy<PromptFile>(() => Parse(file, stage, version), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private PromptFile Read(string stage, string version) => Parse(Find(stage, version), stage, version);

    private static PromptFile Parse(PromptSourceFile file, string stage, string version) =>
        PromptFileParser.Parse(file.Read(), stage, version, file.Location, file.Source);

    private PromptSourceFile Find(string stage, string version)
    {
        if (!RpmStage.All.Contains(stage, StringComparer.Ordinal))
        {
            throw new RpmInputException($"Unknown prompt stage '{stage}'; the stages are {string.Join(", ", RpmStage.All)}.");
        }

        var key = StageKey(stage, version);
        return _sources.Find(key) ?? throw new RpmInputException(
            $"Prompt '{stage}' has no version '{version}' ({_sources.Missing(key)}); versions present: {Present(StageFolder(stage))}."
            + (Directory is null ? $" To add one, write {key} under a folder and set Rpm:Prompts:Directory to it." : $" To add it, write {Path.Combine(Directory, key)}."));
    }

    /// <summary>The files of a folder for an error message: <c>v1, v2, v3</c>, then which came from the directory.</summary>
    private string Present(string folder)
    {
        var files = _sources.FilesIn(folder);
        if (files.Count == 0)
        {
            return "none";
        }

        var own = files.Where(f => f.Source != BundledSource).Select(f => f.Name).ToList();
        var list = string.Join(", ", files.Select(f => f.Name));
        return own.Count == 0 ? $"{list} (bundled)" : $"{list} ({string.Join(", ", own)} from {Directory}, the rest bundled)";
    }

    private static string StageFolder(string stage) => $"rpm/{stage}";

    private static string StageKey(string stage, string version) => $"rpm/{stage}/{version}.yaml";
}
