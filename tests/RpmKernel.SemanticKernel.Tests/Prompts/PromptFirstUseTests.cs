using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

/// <summary>
/// Bundled prompts are parsed and compiled when a stage first needs them, so a command that calls no
/// model compiles none; a prompt of the user's folder is still checked when the library loads.
/// </summary>
public sealed class PromptFirstUseTests
{
    [Fact]
    public void A_bundled_prompt_is_read_on_its_first_use_and_its_version_is_known_before()
    {
        var library = PromptLibrary.Load(new RpmPromptOptions { Versions = { [RpmStage.Generate] = "v2" } });

        Assert.Empty(library.LoadedStages);
        Assert.Equal("v2", library.ActiveVersions[RpmStage.Generate]);
        Assert.Equal("v1", library.ActiveVersions[RpmStage.ExtractFeatures]);

        Assert.Equal("v2", library.Get(RpmStage.Generate).Version);
        Assert.Equal([RpmStage.Generate], library.LoadedStages);
    }

    [Fact]
    public void A_missing_version_is_refused_at_load_and_a_user_folder_prompt_is_read_at_load()
    {
        var missing = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Versions = { [RpmStage.Generate] = "v9" } }));
        Assert.Contains("no version 'v9'", missing.Message, StringComparison.Ordinal);

        using var dir = PromptFolders.With(RpmStage.ClusterFactors, "v1", PromptFolders.Bundled(RpmStage.ClusterFactors, "v1"));
        var library = PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path });

        Assert.Equal([RpmStage.ClusterFactors], library.LoadedStages);
    }

    [Fact]
    public async Task Explain_reads_no_prompt_and_personalize_reads_only_its_two_stages()
    {
        await using var host = await RpmTestHost.StartAsync();
        using (var ingesting = host.Runtime())
        {
            await ingesting.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
            Assert.Equal([RpmStage.ExtractFeatures, RpmStage.ClusterFactors, RpmStage.ConstructReasoning], ingesting.Prompts.LoadedStages);
        }

        using var runtime = host.Runtime();
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");

        Assert.Equal(6, model.ItemCount);
        Assert.Empty(runtime.Prompts.LoadedStages);
        Assert.False(runtime.Prompts.IsTaskParsed("lamp2"));

        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A rebel fights a surveillance state.");

        Assert.Contains(answer.Answer, runtime.Pipeline.GetTask("lamp2").Labels);
        Assert.Equal([RpmStage.ExtractTargetFeatures, RpmStage.Generate], runtime.Prompts.LoadedStages);
    }

    [Fact]
    public void A_bundled_task_is_named_without_parsing_its_profile_and_a_user_folder_one_is_still_checked()
    {
        var library = PromptLibrary.Load(new RpmPromptOptions());

        Assert.Equal("lamp2", library.GetTaskName("lamp2"));
        Assert.False(library.IsTaskParsed("lamp2"));
        Assert.Contains("Unknown task 'lamp9'", Assert.Throws<RpmInputException>(() => library.GetTaskName("lamp9")).Message, StringComparison.Ordinal);

        using var dir = new RpmKernel.Testing.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "tasks"));
        File.WriteAllText(Path.Combine(dir.Path, "tasks", "lamp2.yaml"), "name: lamp2\nkind: nonsense\n");
        var overridden = PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path });

        Assert.Throws<RpmInputException>(() => overridden.GetTaskName("lamp2"));
        File.WriteAllText(Path.Combine(dir.Path, "tasks", "lamp2.yaml"), LampTwoRenamed());
        Assert.Equal("movie-tags", overridden.GetTaskName("lamp2"));
        Assert.Equal(overridden.GetTask("lamp2").Name, overridden.GetTaskName("lamp2"));
    }

    private static string LampTwoRenamed() =>
        File.ReadAllText(Path.Combine(RpmKernel.Testing.RepositoryPaths.Root, "prompts", "tasks", "lamp2.yaml")).Replace("name: lamp2", "name: movie-tags", StringComparison.Ordinal);
}
