using RpmKernel.Core.Tasks;
using RpmKernel.Testing;

namespace RpmKernel.Core.Tests.Tasks;

public class BundledTaskProfilesTests
{
    private static readonly string TasksDirectory = Path.Combine(RepositoryPaths.Prompts, "tasks");

    [Fact]
    public void Lamp2_is_classification_with_the_15_lamp_tags()
    {
        var profile = Load("lamp2");

        Assert.Equal("lamp2", profile.Name);
        Assert.Equal(TaskKind.Classification, profile.Kind);
        Assert.Equal(
            ["sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy", "classic",
             "psychology", "fantasy", "romance", "thought-provoking", "social commentary", "violence", "true story"],
            profile.Labels);
        Assert.Equal(
            "Which tag does this movie relate to among the following tags? Just answer with the tag name without further explanation.",
            profile.Instruction);
    }

    [Fact]
    public void Lamp3_is_rating_from_1_to_5()
    {
        var profile = Load("lamp3");

        Assert.Equal(TaskKind.Rating, profile.Kind);
        Assert.Equal(1, profile.MinScore);
        Assert.Equal(5, profile.MaxScore);
        Assert.Empty(profile.Labels);
        Assert.Equal(
            "What is the score of the following review on a scale of 1 to 5? Just answer with 1, 2, 3, 4, or 5 without further explanation.",
            profile.Instruction);
    }

    [Fact]
    public void Lamp5_is_generation()
    {
        var profile = Load("lamp5");

        Assert.Equal(TaskKind.Generation, profile.Kind);
        Assert.Empty(profile.Labels);
        Assert.Equal("Generate a title for the following abstract of a paper.", profile.Instruction);
    }

    [Fact]
    public void Goqa_is_opinion()
    {
        var profile = Load("goqa");

        Assert.Equal(TaskKind.Opinion, profile.Kind);
        Assert.Empty(profile.Labels);
        Assert.Contains("exactly one of the listed options", profile.Instruction, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bundled_profile_is_named_after_its_file_and_described()
    {
        var files = Directory.GetFiles(TasksDirectory, "*.yaml");

        Assert.Superset(new HashSet<string> { "lamp2", "lamp3", "lamp5", "goqa" }, files.Select(Path.GetFileNameWithoutExtension).ToHashSet()!);
        foreach (var file in files)
        {
            var profile = TaskProfileParser.Parse(File.ReadAllText(file), file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), profile.Name);
            Assert.False(string.IsNullOrWhiteSpace(profile.Description), file);
        }
    }

    private static TaskProfile Load(string name)
    {
        var path = Path.Combine(TasksDirectory, name + ".yaml");
        return TaskProfileParser.Parse(File.ReadAllText(path), path);
    }
}
