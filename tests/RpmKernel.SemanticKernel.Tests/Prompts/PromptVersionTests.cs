using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

public sealed class PromptVersionTests
{
    [Fact]
    public void Every_bundled_version_of_every_stage_passes_the_start_up_checks()
    {
        var library = PromptLibrary.Load(new RpmPromptOptions());

        Assert.Equal(["v1", "v2"], library.Versions(RpmStage.ExtractFeatures));
        Assert.Equal(["v1", "v2"], library.Versions(RpmStage.Generate));
        foreach (var stage in RpmStage.All)
        {
            foreach (var version in library.Versions(stage))
            {
                var prompt = library.Get(stage, version);
                Assert.Equal(version, prompt.Version);
                Assert.Null(StrictSchemaChecker.FindProblem(prompt.Schema));
                Assert.All(RpmStage.RequiredInputs(stage), input => Assert.Contains(prompt.Config.InputVariables, v => v.Name == input));
            }
        }
    }

    [Fact]
    public async Task Selected_v2_prompts_are_sent_and_recorded_in_records_models_and_answers()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o =>
        {
            o.Prompts.Versions[RpmStage.ExtractFeatures] = "v2";
            o.Prompts.Versions[RpmStage.Generate] = "v2";
        });
        var history = SampleHistories.MovieTags(6);

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A rebel fights a surveillance state in a ruined city.");

        Assert.Empty(ingest.Failed);

        // The v2 files reached the model: extraction asks for a salience, generation for evidence weighing.
        Assert.All(host.StageRequests("extracted_features"), r => Assert.Contains("\"salience\"", r.Body, StringComparison.Ordinal));
        Assert.Contains("Weigh the evidence", host.StageRequests("personalized_answer").Single().Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Weigh the evidence", host.StageRequests("user_factors").Single().Body, StringComparison.Ordinal);

        var records = await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(6, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal("v2", r.PromptVersions[RpmStage.ExtractFeatures]);
            Assert.Equal("v1", r.PromptVersions[RpmStage.ConstructReasoning]);
        });

        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Equal("v2", model.PromptVersions[RpmStage.ExtractFeatures]);
        Assert.Equal("v1", model.PromptVersions[RpmStage.ClusterFactors]);

        Assert.Equal("v2", answer.PromptVersions[RpmStage.ExtractFeatures]);
        Assert.Equal("v2", answer.PromptVersions[RpmStage.Generate]);
        Assert.Equal("v1", answer.PromptVersions[RpmStage.ExtractTargetFeatures]);
    }

    [Fact]
    public void A_selected_version_lacking_an_input_its_stage_needs_is_reported_at_start_up_with_file_and_reason()
    {
        using var dir = new TempDirectory();
        var path = PromptFolders.Write(dir, RpmStage.ExtractFeatures, "v2",
            PromptFolders.Bundled(RpmStage.ExtractFeatures, "v2").Replace("  - name: items\n", "  - name: records\n", StringComparison.Ordinal));
        var prompts = new RpmPromptOptions { Directory = dir.Path };

        // Unselected, the broken v2 is not loaded.
        Assert.Equal("v1", PromptLibrary.Load(prompts).ActiveVersions[RpmStage.ExtractFeatures]);

        prompts.Versions[RpmStage.ExtractFeatures] = "v2";
        var error = Assert.Throws<RpmInputException>(() => PromptLibrary.Load(prompts));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("needs the input variable(s) 'items'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_selected_version_whose_schema_strict_outputs_refuse_fails_runtime_creation_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = PromptFolders.Write(dir, RpmStage.ExtractFeatures, "v2",
            PromptFolders.Bundled(RpmStage.ExtractFeatures, "v2").Replace("required: [name, context, factor, salience]", "required: [name, context, factor]", StringComparison.Ordinal));
        var options = new RpmOptions();
        options.Prompts.Directory = dir.Path;
        options.Prompts.Versions[RpmStage.ExtractFeatures] = "v2";

        var error = Assert.Throws<RpmInputException>(() => RpmRuntime.Create(options));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("salience is not listed in 'required'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_selected_version_that_does_not_parse_is_reported_with_file_and_reason()
    {
        using var dir = new TempDirectory();
        var path = PromptFolders.Write(dir, RpmStage.Generate, "v2", "template: |\n  ok\n bad: [indent");

        var error = Assert.Throws<RpmInputException>(() =>
            PromptLibrary.Load(new RpmPromptOptions { Directory = dir.Path, Versions = { [RpmStage.Generate] = "v2" } }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }
}
