using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The prompt files the library can read, by their path inside the prompts tree
/// (<c>rpm/generate/v1.yaml</c>, <c>tasks/lamp2.yaml</c>, <c>baselines/rag/v1.yaml</c>): the bundle
/// embedded in this assembly, with the files of a user directory layered on top. A user file adds a
/// version or, at the same path as a bundled one, replaces it. Files are listed when the sources are
/// built and read only when asked for, so a broken version nobody selects is never parsed.
/// </summary>
internal sealed class PromptSources
{
    /// <summary>The prefix of the embedded resources' logical names (set in the project file).</summary>
    public const string ResourcePrefix = "prompts/";

    private static readonly string[] Folders = ["rpm", "tasks", PromptLibrary.BaselinesFolder];
    private static readonly Lazy<Dictionary<string, string>> s_bundle = new(ReadBundle);

    private readonly Dictionary<string, PromptSourceFile> _files = new(StringComparer.Ordinal);

    private PromptSources(string? directory)
    {
        Directory = directory;
        foreach (var (key, resource) in s_bundle.Value)
        {
            _files[key] = new PromptSourceFile(key, PromptLibrary.BundledSource, PromptLibrary.BundledSource + ":" + key, () => ReadResource(resource));
        }

        if (directory is null)
        {
            return;
        }

        foreach (var folder in Folders.Select(f => Path.Combine(directory, f)).Where(System.IO.Directory.Exists))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories))
            {
                var key = Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
                _files[key] = new PromptSourceFile(key, directory, file, () => File.ReadAllText(file));
            }
        }
    }

    /// <summary>The user directory layered over the bundle, or null for the bundle alone.</summary>
    public string? Directory { get; }

    /// <summary>The bundle alone, or the bundle under the full path of <paramref name="directory"/>, which must exist.</summary>
    public static PromptSources Create(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return new PromptSources(null);
        }

        var full = Path.GetFullPath(directory);
        return System.IO.Directory.Exists(full)
            ? new PromptSources(full)
            : throw new RpmInputException(
                $"Rpm:Prompts:Directory '{directory}' does not exist; point it at a folder holding rpm/<stage>/<version>.yaml, tasks/ or baselines/ files to add to the bundled prompts, or remove it to use the bundled prompts alone.");
    }

    /// <summary>The file at <paramref name="key"/> (such as <c>rpm/generate/v1.yaml</c>), or null.</summary>
    public PromptSourceFile? Find(string key) => _files.GetValueOrDefault(key);

    /// <summary>The files directly under <paramref name="folder"/> (such as <c>rpm/generate</c>), by name without extension, in order.</summary>
    public IReadOnlyList<PromptSourceFile> FilesIn(string folder)
    {
        var prefix = folder + "/";
        return _files.Values
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Key.IndexOf('/', prefix.Length) < 0)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The names of the folders directly under <paramref name="folder"/> (such as <c>baselines</c>), in order.</summary>
    public IReadOnlyList<string> FoldersIn(string folder)
    {
        var prefix = folder + "/";
        return _files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) > 0)
            .Select(k => k[prefix.Length..k.IndexOf('/', prefix.Length)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Says, for an error message, that <paramref name="key"/> was looked up and where.</summary>
    public string Missing(string key) => Directory is null
        ? $"{key} is not among the bundled prompts"
        : $"{key} is neither bundled nor in {Directory}";

    private static Dictionary<string, string> ReadBundle()
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in typeof(PromptSources).Assembly.GetManifestResourceNames())
        {
            // MSBuild's RecursiveDir uses the build machine's separator; the keys always use '/'.
            var name = resource.Replace('\\', '/');
            if (name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".yaml", StringComparison.Ordinal))
            {
                bundle[name[ResourcePrefix.Length..]] = resource;
            }
        }

        return bundle.Count > 0
            ? bundle
            : throw new InvalidOperationException(
                $"The assembly {typeof(PromptSources).Assembly.GetName().Name} carries no bundled prompts (embedded resources '{ResourcePrefix}*.yaml'); it was built without the prompts/ folder.");
    }

    private static string ReadResource(string resource)
    {
        using var stream = typeof(PromptSources).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The bundled prompt resource '{resource}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
