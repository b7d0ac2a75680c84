using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

public sealed class TestingHelpersTests
{
    [Fact]
    public void Repository_root_holds_the_solution_and_prompts_is_below_it()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "RpmKernel.sln")));
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "prompts"), RepositoryPaths.Prompts);
    }

    [Fact]
    public void Temp_directory_is_unique_and_deleted_with_its_files_on_dispose()
    {
        string path;
        using (var first = new TempDirectory())
        using (var second = new TempDirectory())
        {
            path = first.Path;
            Assert.True(Directory.Exists(path));
            Assert.NotEqual(first.Path, second.Path);
            Assert.Equal(Path.Combine(path, "data.jsonl"), first.File("data.jsonl"));
            File.WriteAllText(first.File("data.jsonl"), "{}");
            Directory.CreateDirectory(first.File("nested"));
        }

        Assert.False(Directory.Exists(path));
    }
}
