using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>Throw-away prompts folders layered over the bundled prompts, for tests that add or break a version.</summary>
internal static class PromptFolders
{
    /// <summary>The text of a bundled stage prompt.</summary>
    public static string Bundled(string stage, string version) =>
        PromptLibrary.Load(new RpmPromptOptions()).Get(stage, version).Text;

    /// <summary>A folder holding only <c>rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c> with <paramref name="text"/>.</summary>
    public static TempDirectory With(string stage, string version, string text)
    {
        var dir = new TempDirectory();
        Write(dir, stage, version, text);
        return dir;
    }

    /// <summary>Writes <c>rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c> into <paramref name="dir"/> and returns its path.</summary>
    public static string Write(TempDirectory dir, string stage, string version, string text)
    {
        var path = StagePath(dir, stage, version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The path of <c>rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c> inside <paramref name="dir"/>.</summary>
    public static string StagePath(TempDirectory dir, string stage, string version) =>
        Path.Combine(dir.Path, "rpm", stage, version + ".yaml");
}
