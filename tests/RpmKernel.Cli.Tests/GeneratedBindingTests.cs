using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Settings;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// rpmk binds its settings with generated code; this project binds by reflection, as rpmk did before,
/// so each test compares the two on the same settings.
/// </summary>
public sealed class GeneratedBindingTests
{
    [Fact]
    public void Every_setting_binds_as_the_reflection_binder_binds_it()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var leaf in SettingTree.Leaves)
        {
            values[leaf.Key] = SampleValue(leaf, ++index);
        }

        // The free sections: a stage's own model, a prompt version, a model's prices.
        values["Rpm:Chat:Stages:generate:Model"] = "gpt-4o";
        values["Rpm:Chat:Stages:generate:MaxConcurrency"] = "3";
        values["Rpm:Prompts:Versions:generate"] = "v2";
        values["Rpm:Pricing:Models:my-model:InputPerMillion"] = "0.5";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var generated = RpmCliHost.BindOptions(configuration, Context());
        var reflected = new RpmOptions();
        SettingValues.Normalize(configuration).GetSection(RpmOptions.SectionName).Bind(reflected);

        Assert.Equal(Json(reflected), Json(generated));
        Assert.Equal("gpt-4o", generated.Chat.Stages["generate"].Model);
        Assert.Equal(3, generated.Chat.Stages["generate"].MaxConcurrency);

        // Bound into the dictionaries the options made, so their keys stay case-insensitive.
        Assert.Equal("gpt-4o", generated.Chat.Stages["GENERATE"].Model);
        Assert.Equal("v2", generated.Prompts.Versions["Generate"]);
        Assert.Equal(0.5m, generated.Pricing.Models["MY-MODEL"].InputPerMillion);
    }

    [Theory]
    [InlineData("Rpm:Chat:MaxConcurrency", "many")]
    [InlineData("Rpm:Retrieval:TopK", "1.5")]
    [InlineData("Rpm:Chat:Endpoint", "http://[::1")]
    [InlineData("Rpm:Cache:Enabled", "yes please")]
    public void A_value_of_the_wrong_type_is_refused_with_the_reflection_binder_s_words(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var generated = Assert.Throws<RpmInputException>(() => RpmCliHost.BindOptions(configuration, Context()));
        var reflected = Assert.Throws<InvalidOperationException>(() => configuration.GetSection(RpmOptions.SectionName).Bind(new RpmOptions()));

        Assert.Contains(reflected.Message.ReplaceLineEndings(" ").Trim(), generated.Message, StringComparison.Ordinal);
        Assert.Contains(key, generated.Message, StringComparison.Ordinal);
    }

    private static CliContext Context() => new(TextWriter.Null, TextWriter.Null, new Dictionary<string, string?>());

    private static string Json(RpmOptions options) => JsonSerializer.Serialize(options);

    private static string SampleValue(SettingLeaf leaf, int index) => leaf.Type switch
    {
        _ when leaf.Type == typeof(bool) => leaf.Default == "true" ? "false" : "true",
        _ when leaf.Type == typeof(TimeSpan) => $"{index}s",
        _ when leaf.Type == typeof(Uri) => $"http://127.0.0.1:{1000 + index}/v1",
        _ when leaf.Type == typeof(decimal) || leaf.Type == typeof(double) || leaf.Type == typeof(float) => (index + 0.25).ToString(CultureInfo.InvariantCulture),
        _ when leaf.Type.IsEnum => Enum.GetNames(leaf.Type)[^1].ToLowerInvariant(),
        _ when leaf.Type == typeof(string) => $"text-{index}",
        _ => index.ToString(CultureInfo.InvariantCulture),
    };
}
