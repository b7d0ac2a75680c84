using System.Text.Json;
using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Tests.Stages;

/// <summary>
/// A prompt's execution settings are read with <see cref="JsonDocument"/> instead of the serializer's
/// reflection; Semantic Kernel must get the same values the serializer gave (JSON elements, null for null).
/// </summary>
public sealed class PromptSettingsValuesTests
{
    [Fact]
    public void Every_bundled_prompt_reads_the_settings_the_serializer_read()
    {
        var library = PromptLibrary.Load(new RpmPromptOptions());
        var prompts = RpmStage.All.SelectMany(s => library.Versions(s).Select(v => library.Get(s, v)))
            .Concat(library.BaselineNames.Select(n => library.GetBaseline(n)))
            .ToList();

        Assert.NotEmpty(prompts);
        Assert.All(prompts, p => AssertSame(Serializer(p.Settings), PromptSettingsValues.Read(p.Settings)));
        Assert.Contains(prompts, p => p.Settings.Count > 0);
    }

    [Fact]
    public void Numbers_text_booleans_lists_objects_and_null_read_as_the_serializer_reads_them()
    {
        var settings = JsonNode.Parse("""
            {"temperature": 0.25, "max_tokens": 400, "stop": ["\n\n", "END"], "seed": null,
             "logit_bias": {"50256": -100}, "user": "it's \"quoted\"", "stream": false}
            """)!.AsObject();

        var read = PromptSettingsValues.Read(settings);

        AssertSame(Serializer(settings), read);
        Assert.Null(read["seed"]);
        Assert.Equal(0.25, ((JsonElement)read["temperature"]).GetDouble());
        Assert.Equal(["temperature", "max_tokens", "stop", "seed", "logit_bias", "user", "stream"], read.Keys);
    }

    [Fact]
    public void No_settings_read_as_an_empty_dictionary()
    {
        Assert.Empty(PromptSettingsValues.Read([]));
        Assert.Empty(Serializer([])!);
    }

    private static Dictionary<string, object>? Serializer(JsonObject settings) => settings.Deserialize<Dictionary<string, object>>();

    private static void AssertSame(Dictionary<string, object>? expected, Dictionary<string, object> actual)
    {
        Assert.NotNull(expected);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, value) in expected)
        {
            if (value is null)
            {
                Assert.Null(actual[key]);
                continue;
            }

            var element = Assert.IsType<JsonElement>(value);
            var read = Assert.IsType<JsonElement>(actual[key]);
            Assert.Equal(element.ValueKind, read.ValueKind);
            Assert.Equal(element.GetRawText(), read.GetRawText());
        }
    }
}
