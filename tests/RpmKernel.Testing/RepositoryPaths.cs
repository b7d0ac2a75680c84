namespace RpmKernel.Testing;

/// <summary>Locations inside the repository, found from the test binaries' folder.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "RpmKernel.sln";
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor of the test binaries that holds RpmKernel.sln.</summary>
    /// <exception cref="InvalidOperationException">No ancestor holds RpmKernel.sln.</exception>
    public static string Root => s_root.Value;

    /// <summary>The repository's prompts folder, Root/prompts: the files RpmKernel.SemanticKernel embeds as its bundled prompts.</summary>
    public static string Prompts => Path.Combine(Root, "prompts");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above '{AppContext.BaseDirectory}' contains {SolutionFile}. Run the tests from a checkout of the repository.");
    }
}
