using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

public sealed class PromptLibraryTests
{
    private static PromptLibrary Bundled() => PromptLibrary.Load(new RpmPromptOptions { Directory = RepositoryPaths.Prompts });

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
    public void Selects_a_configured_version_and_names_the_missing_file_of_an_absent_one()
    {
        using var dir = PromptFolders.CopyOfBundled();
        var v2 = Path.Combine(dir.Path, "rpm", "generate", "v2.yaml");
        File.Copy(Path.Combine(dir.Path, "rpm", "generate", "v1.yaml"), v2, overwrite: true);

        var library = PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path, Versions = { ["generate"] = "v2" } });
        Assert.Equal("v2", library.ActiveVersions["generate"]);
        Assert.Equal(["v1", "v2"], library.Versions("generate"));

        var error = Assert.Throws<RpmInputException>(() =>
            PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path, Versions = { ["generate"] = "v7" } }));
        Assert.Contains("v7.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("v1, v2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_prompt_lacking_a_stage_input_at_load_time_with_file_and_reason()
    {
        using var dir = PromptFolders.CopyOfBundled();
        var path = Path.Combine(dir.Path, "rpm", "generate", "v1.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("  - name: examples\n", "  - name: unused\n", StringComparison.Ordinal));

        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'examples'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_schema_that_strict_structured_outputs_would_refuse()
    {
        using var dir = PromptFolders.CopyOfBundled();
        var path = Path.Combine(dir.Path, "rpm", "generate", "v1.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("required: [reasoning, answer]", "required: [reasoning]", StringComparison.Ordinal));

        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path }));

        Assert.Contains("$.answer is not listed in 'required'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_file_that_is_not_yaml()
    {
        using var dir = PromptFolders.CopyOfBundled();
        var path = Path.Combine(dir.Path, "rpm", "cluster-factors", "v1.yaml");
        File.WriteAllText(path, "name: [unclosed\n  template: {");

        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }
}
