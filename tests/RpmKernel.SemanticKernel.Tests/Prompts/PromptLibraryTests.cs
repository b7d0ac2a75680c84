using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

public sealed class PromptLibraryTests
{
    private static PromptLibrary Bundled() => PromptLibrary.Load(new RpmPromptOptions());

    [Fact]
    public void Loads_every_bundled_stage_at_v1_with_a_strict_schema()
    {
        var library = Bundled();

        foreach (var stage in RpmStage.All)
        {
            var prompt = library.Get(stage);
            Assert.Equal("v1", prompt.Version);
            Assert.Null(StrictSchemaChecker.FindProblem(prompt.Schema));
            Assert.All(RpmStage.RequiredInputs(stage), input => Assert.Contains(prompt.Config.InputVariables, v => v.Name == input));
        }
    }

    [Fact]
    public void Resolves_bundled_tasks_by_name_and_refuses_unknown_ones_listing_the_known()
    {
        var library = Bundled();

        Assert.Equal(15, library.GetTask("lamp2").Labels.Count);
        var error = Assert.Throws<RpmInputException>(() => library.GetTask("lamp9"));
        Assert.Contains("lamp2", error.Message, StringComparison.Ordinal);
        Assert.Contains("goqa", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_without_a_prompts_folder_from_the_bundle_inside_the_assembly()
    {
        var library = Bundled();

        Assert.Null(library.Directory);
        Assert.Equal(PromptLibrary.BundledSource, library.Get(RpmStage.Generate).Source);
        Assert.Equal("bundled:rpm/generate/v1.yaml", library.Get(RpmStage.Generate).Path);
        Assert.Equal(PromptLibrary.BundledSource, library.SourceOf(RpmStage.Generate, "v2"));
        Assert.Null(library.SourceOf(RpmStage.Generate, "v9"));
        Assert.Equal(["goqa", "lamp2", "lamp3", "lamp5"], library.TaskNames);
        Assert.Contains("zero-shot", library.BaselineNames);
    }

    [Fact]
    public void The_bundle_holds_every_yaml_file_of_the_repository_prompts_folder_unchanged()
    {
        var library = Bundled();
        var files = Directory.GetFiles(RepositoryPaths.Prompts, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Prompts, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var parts = file[..^".yaml".Length].Split('/');
            var text = parts switch
            {
                ["rpm", var stage, var version] => library.Get(stage, version).Text,
                [PromptLibrary.BaselinesFolder, var name, var version] => library.GetBaseline(name, version).Text,
                ["tasks", var name] => library.GetTask(name).Name,
                _ => throw new InvalidOperationException($"Unexpected file {file} in the prompts folder."),
            };
            Assert.Equal(parts[0] == "tasks" ? parts[1] : File.ReadAllText(Path.Combine(RepositoryPaths.Prompts, file)), text);
        }
    }

    [Fact]
    public void A_user_folder_adds_a_version_beside_the_bundled_ones_and_names_where_each_comes_from()
    {
        var v1 = PromptFolders.Bundled(RpmStage.Generate, "v1");
        using var dir = PromptFolders.With(RpmStage.Generate, "v3", v1.Replace("Treat the query", "Consider the query", StringComparison.Ordinal));

        var library = PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path, Versions = { ["generate"] = "v3" } });

        Assert.Equal(dir.Path, library.Directory);
        Assert.Equal("v3", library.ActiveVersions["generate"]);
        Assert.Equal(["v1", "v2", "v3"], library.Versions("generate"));
        Assert.Equal(PromptLibrary.BundledSource, library.SourceOf(RpmStage.Generate, "v2"));
        Assert.Equal(dir.Path, library.SourceOf(RpmStage.Generate, "v3"));
        Assert.Equal(PromptFolders.StagePath(dir, RpmStage.Generate, "v3"), library.Get(RpmStage.Generate).Path);
        Assert.Contains("Consider the query", library.Get(RpmStage.Generate).Config.Template, StringComparison.Ordinal);
        Assert.Equal(["v1", "v2"], library.Versions(RpmStage.ExtractFeatures));

        var error = Assert.Throws<RpmInputException>(() =>
            PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path, Versions = { ["generate"] = "v7" } }));
        Assert.Contains("rpm/generate/v7.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("v1, v2, v3 (v3 from " + dir.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_file_at_a_bundled_path_replaces_the_bundled_version()
    {
        var v1 = PromptFolders.Bundled(RpmStage.ClusterFactors, "v1");
        using var dir = PromptFolders.With(RpmStage.ClusterFactors, "v1", v1.Replace("template: |", "template: |\n  OVERRIDDEN", StringComparison.Ordinal));

        var library = PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path });

        Assert.Equal(["v1"], library.Versions(RpmStage.ClusterFactors));
        Assert.Equal(dir.Path, library.SourceOf(RpmStage.ClusterFactors, "v1"));
        Assert.StartsWith("OVERRIDDEN", library.Get(RpmStage.ClusterFactors).Config.Template, StringComparison.Ordinal);
        Assert.Equal(PromptLibrary.BundledSource, library.Get(RpmStage.Generate).Source);
    }

    [Fact]
    public void A_user_folder_adds_task_profiles_and_baselines_and_a_missing_folder_is_refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("tasks"));
        File.WriteAllText(dir.File("tasks/coffee.yaml"), "name: coffee\nkind: classification\ndescription: Coffee orders.\ninstruction: Pick the drink.\nlabels: [espresso, latte]\n");
        var baseline = PromptLibrary.Load(new RpmPromptOptions()).GetBaseline("zero-shot");
        Directory.CreateDirectory(dir.File("baselines/zero-shot"));
        File.WriteAllText(dir.File("baselines/zero-shot/v2.yaml"), baseline.Text);

        var library = PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path });

        Assert.Equal(["coffee", "goqa", "lamp2", "lamp3", "lamp5"], library.TaskNames);
        Assert.Equal(["espresso", "latte"], library.GetTask("coffee").Labels);
        Assert.Equal(15, library.GetTask("lamp2").Labels.Count);
        Assert.Equal(dir.File("baselines/zero-shot/v2.yaml"), library.GetBaseline("zero-shot", "v2").Path);
        Assert.Equal(PromptLibrary.BundledSource, library.GetBaseline("zero-shot").Source);

        var missing = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.File("nope") }));
        Assert.Contains("Rpm:Prompts:Directory", missing.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_prompt_lacking_a_stage_input_at_load_time_with_file_and_reason()
    {
        using var dir = new TempDirectory();
        var path = PromptFolders.Write(dir, "generate", "v1", PromptFolders.Bundled("generate", "v1").Replace("  - name: examples\n", "  - name: unused\n", StringComparison.Ordinal));

        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'examples'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_schema_that_strict_structured_outputs_would_refuse()
    {
        using var dir = PromptFolders.With("generate", "v1", PromptFolders.Bundled("generate", "v1").Replace("required: [reasoning, answer]", "required: [reasoning]", StringComparison.Ordinal));

        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path }));

        Assert.Contains("$.answer is not listed in 'required'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_file_that_is_not_yaml()
    {
        using var dir = new TempDirectory();
        var path = PromptFolders.Write(dir, "cluster-factors", "v1", "name: [unclosed\n  template: {");

        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }
}
