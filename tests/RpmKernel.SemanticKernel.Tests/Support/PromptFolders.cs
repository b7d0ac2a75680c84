using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>Throw-away copies of the bundled prompts folder, for tests that break a prompt file.</summary>
internal static class PromptFolders
{
    public static TempDirectory CopyOfBundled()
    {
        var dir = new TempDirectory();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Prompts, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(RepositoryPaths.Prompts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return dir;
    }
}
