using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The versioned prompt templates (<c>prompts/rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c>) and task
/// profiles (<c>prompts/tasks/*.yaml</c>). The active version of every stage is read and checked
/// when the library is created, so a broken prompt is reported at start-up, not mid-run.
/// </summary>
public sealed partial class PromptLibrary
{
    /// <summary>The version a stage uses unless configured otherwise.</summary>
    public const string DefaultVersion = "v1";

    private readonly Dictionary<string, PromptFile> _active = new(StringComparer.Ordinal);

    private PromptLibrary(string directory, IReadOnlyDictionary<string, string> versions)
    {
        Directory = directory;
        foreach (var stage in RpmStage.All)
        {
            var version = versions.TryGetValue(stage, out var v) && !string.IsNullOrWhiteSpace(v) ? v : DefaultVersion;
            _active[stage] = Read(stage, version);
        }

        var unknown = versions.Keys.Where(k => !RpmStage.All.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpmInputException(
                $"Rpm:Prompts:Versions names unknown stage(s) {string.Join(", ", unknown)}; the stages are {string.Join(", ", RpmStage.All)}.");
        }
    }

    /// <summary>The prompts folder in use.</summary>
    public string Directory { get; }

    /// <summary>The active version of every stage.</summary>
    public IReadOnlyDictionary<string, string> ActiveVersions =>
        _active.ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal);

    /// <summary>Loads the library from <see cref="RpmPromptOptions.Directory"/> or the bundled <c>prompts/</c> folder.</summary>
    public static PromptLibrary Load(RpmPromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PromptLibrary(ResolveDirectory(options.Directory), options.Versions);
    }

    /// <summary>The active prompt of a stage.</summary>
    public PromptFile Get(string stage) =>
        _active.TryGetValue(stage, out var file)
            ? file
            : TryGetBaseline(stage) ?? throw new RpmInputException($"Unknown prompt stage '{stage}'; the stages are {string.Join(", ", RpmStage.All)}.");

    /// <summary>A specific version of a stage's prompt.</summary>
    public PromptFile Get(string stage, string version) => Read(stage, version);

    /// <summary>The versions present for a stage, in order.</summary>
    public IReadOnlyList<string> Versions(string stage)
    {
        var folder = Path.Combine(Directory, "rpm", stage);
        return System.IO.Directory.Exists(folder)
            ? System.IO.Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The names of the bundled task profiles.</summary>
    public IReadOnlyList<string> TaskNames
    {
        get
        {
            var folder = Path.Combine(Directory, "tasks");
            return System.IO.Directory.Exists(folder)
                ? System.IO.Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];
        }
    }

    /// <summary>A task profile by bundled name (<c>lamp2</c>) or by path to a profile YAML.</summary>
    public TaskProfile GetTask(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (TaskProfileReference.IsPath(nameOrPath))
        {
            return TaskProfileParser.Parse(TaskProfileReference.ReadFile(nameOrPath, TaskNames), nameOrPath);
        }

        var path = Path.Combine(Directory, "tasks", nameOrPath + ".yaml");
        return TaskProfileReference.IsBundledName(nameOrPath) && File.Exists(path)
            ? TaskProfileParser.Parse(File.ReadAllText(path), path)
            : throw new RpmInputException($"Unknown task '{nameOrPath}'; use one of {string.Join(", ", TaskNames)} or the path to a profile YAML.");
    }

    private PromptFile Read(string stage, string version)
    {
        if (!RpmStage.All.Contains(stage, StringComparer.Ordinal))
        {
            throw new RpmInputException($"Unknown prompt stage '{stage}'; the stages are {string.Join(", ", RpmStage.All)}.");
        }

        var path = Path.Combine(Directory, "rpm", stage, version + ".yaml");
        if (!File.Exists(path))
        {
            var present = Versions(stage);
            throw new RpmInputException(
                $"Prompt '{stage}' has no version '{version}' ({path} is missing); versions present: {(present.Count == 0 ? "none" : string.Join(", ", present))}.");
        }

        return PromptFileParser.Parse(File.ReadAllText(path), stage, version, path);
    }

    private static string ResolveDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            return System.IO.Directory.Exists(full)
                ? full
                : throw new RpmInputException($"Rpm:Prompts:Directory '{configured}' does not exist; point it at a folder holding rpm/ and tasks/, or remove it to use the bundled prompts.");
        }

        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "prompts") };
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "prompts"));
        }

        return candidates.FirstOrDefault(c => System.IO.Directory.Exists(Path.Combine(c, "rpm")))
            ?? throw new RpmInputException(
                $"No prompts folder was found next to the application ({AppContext.BaseDirectory}) or above the current directory; set Rpm:Prompts:Directory to the repository's prompts/ folder.");
    }
}
