using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Schemas;

namespace RpmKernel.SemanticKernel.Tests.Schemas;

public sealed class RefinedSchemaCacheTests
{
    private static readonly string[] s_factorPath = ["properties", "features", "items", "properties", "factor"];

    private static PromptFile TargetFeaturesPrompt() => PromptLibrary.Load(new RpmPromptOptions()).Get(RpmStage.ExtractTargetFeatures);

    [Fact]
    public void An_equal_refinement_is_the_same_schema_and_what_the_editor_makes()
    {
        var prompt = TargetFeaturesPrompt();
        var cache = new RefinedSchemaCache();

        var first = cache.Replace(prompt.Schema, prompt.Path, SchemaEditor.StringEnum(["tone", "other"]), s_factorPath);
        var second = cache.Replace(prompt.Schema, prompt.Path, SchemaEditor.StringEnum(["tone", "other"]), s_factorPath);

        Assert.Same(first, second);
        Assert.Equal(
            SchemaEditor.Replace(prompt.Schema, prompt.Path, SchemaEditor.StringEnum(["tone", "other"]), s_factorPath).ToJsonString(),
            first.ToJsonString());
    }

    [Fact]
    public void Other_factors_or_a_reloaded_prompt_get_a_schema_of_their_own()
    {
        var prompt = TargetFeaturesPrompt();
        var cache = new RefinedSchemaCache();
        var tone = cache.Replace(prompt.Schema, prompt.Path, SchemaEditor.StringEnum(["tone", "other"]), s_factorPath);

        var pacing = cache.Replace(prompt.Schema, prompt.Path, SchemaEditor.StringEnum(["pacing", "other"]), s_factorPath);
        var reloaded = TargetFeaturesPrompt();
        var fromReloaded = cache.Replace(reloaded.Schema, reloaded.Path, SchemaEditor.StringEnum(["tone", "other"]), s_factorPath);

        Assert.NotSame(tone, pacing);
        Assert.Equal("pacing", Enum(pacing)[0]);
        Assert.Equal("tone", Enum(tone)[0]);
        Assert.NotSame(tone, fromReloaded);
        Assert.Equal(tone.ToJsonString(), fromReloaded.ToJsonString());
    }

    [Fact]
    public void Past_its_bound_every_refinement_is_still_the_one_asked_for()
    {
        var prompt = TargetFeaturesPrompt();
        var cache = new RefinedSchemaCache();
        for (var i = 0; i <= RefinedSchemaCache.MaxPerPrompt + 10; i++)
        {
            var schema = cache.Replace(prompt.Schema, prompt.Path, SchemaEditor.StringEnum([$"factor {i}", "other"]), s_factorPath);
            Assert.Equal($"factor {i}", Enum(schema)[0]);
        }

        // The file's own schema is never modified.
        Assert.DoesNotContain("factor 0", prompt.Schema.ToJsonString(), StringComparison.Ordinal);
    }

    private static List<string> Enum(JsonObject schema) =>
        [.. schema["properties"]!["features"]!["items"]!["properties"]!["factor"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())];
}
