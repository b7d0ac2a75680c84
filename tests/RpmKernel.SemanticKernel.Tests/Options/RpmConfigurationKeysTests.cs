using Microsoft.Extensions.Configuration;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Options;

public sealed class RpmConfigurationKeysTests
{
    [Theory]
    [InlineData("Rpm:Chatt:Model", "Rpm:Chatt", "Rpm:Chat")]
    [InlineData("Rpm:Chat:Modle", "Rpm:Chat:Modle", "Rpm:Chat:Model")]
    [InlineData("Rpm:Chat:Timout", "Rpm:Chat:Timout", "Rpm:Chat:Timeout")]
    [InlineData("Rpm:Chat:Retries", "Rpm:Chat:Retries", "Rpm:Chat:MaxRetries")]
    [InlineData("Rpm:Store:Qdrant:Colection", "Rpm:Store:Qdrant:Colection", "Rpm:Store:Qdrant:Collection")]
    [InlineData("Rpm:Pricing:Models:local-llama:InputPerMilion", "Rpm:Pricing:Models:local-llama:InputPerMilion", "Rpm:Pricing:Models:local-llama:InputPerMillion")]
    public void A_typo_is_reported_once_with_the_nearest_key_at_its_level(string written, string reported, string suggested)
    {
        var unknown = Assert.Single(RpmConfigurationKeys.FindUnknown(Section((written, "x"))));

        Assert.Equal(reported, unknown.Key);
        Assert.Equal([suggested], unknown.Suggestions);
    }

    [Fact]
    public void A_key_at_the_wrong_level_suggests_the_keys_of_that_name_below_it()
    {
        var unknown = Assert.Single(RpmConfigurationKeys.FindUnknown(Section(("Rpm:Model", "gpt-4o"))));

        Assert.Equal(["Rpm:Chat:Model", "Rpm:Embeddings:Model"], unknown.Suggestions);
        Assert.Equal("did you mean Rpm:Chat:Model or Rpm:Embeddings:Model?", unknown.Hint);
    }

    [Fact]
    public void A_key_near_nothing_says_so_and_lists_the_keys_of_its_level()
    {
        var unknown = Assert.Single(RpmConfigurationKeys.FindUnknown(Section(("Rpm:Retrieval:Colour", "red"))));

        Assert.Empty(unknown.Suggestions);
        Assert.Equal("no close match; Rpm:Retrieval takes TopK", unknown.Hint);
    }

    [Fact]
    public void A_key_under_a_value_is_unknown()
    {
        var unknown = Assert.Single(RpmConfigurationKeys.FindUnknown(Section(("Rpm:Chat:Model:Name", "gpt-4o"))));

        Assert.Equal("Rpm:Chat:Model:Name", unknown.Key);
        Assert.Equal("no close match; Rpm:Chat:Model takes a value, not keys under it", unknown.Hint);
    }

    [Fact]
    public void Dictionary_keys_are_free_and_their_values_known()
    {
        var section = Section(
            ("Rpm:Prompts:Versions:generate", "v2"),
            ("Rpm:Prompts:Versions:any-stage-name", "v3"),
            ("Rpm:Pricing:Models:local-llama:InputPerMillion", "0"),
            ("Rpm:Pricing:Models:gpt-4o:OutputPerMillion", "10"));

        Assert.Empty(RpmConfigurationKeys.FindUnknown(section));
        Assert.Contains("Rpm:Pricing:Models:<key>:InputPerMillion", RpmConfigurationKeys.All);
        Assert.Contains("Rpm:Prompts:Versions:<key>", RpmConfigurationKeys.All);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_suggestions_use_the_documented_spelling()
    {
        Assert.Empty(RpmConfigurationKeys.FindUnknown(Section(("rpm:CHAT:model", "gpt-4o"), ("Rpm:store:SQLITE:path", "a.db"))));

        var unknown = Assert.Single(RpmConfigurationKeys.FindUnknown(Section(("rpm:chat:modle", "gpt-4o"))));
        Assert.Equal(["Rpm:Chat:Model"], unknown.Suggestions);
    }

    [Fact]
    public void Keys_outside_the_Rpm_section_do_not_matter()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug", ["RpmX:Chat:Modle"] = "x", ["Rpm:Chat:Model"] = "m" })
            .Build();

        Assert.Empty(RpmConfigurationKeys.FindUnknown(configuration.GetSection(RpmOptions.SectionName)));
    }

    [Fact]
    public void Every_key_of_the_bundled_appsettings_is_known()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build();
        var section = configuration.GetSection(RpmOptions.SectionName);
        Assert.True(section.Exists());

        Assert.Empty(RpmConfigurationKeys.FindUnknown(section));
    }

    [Fact]
    public void ThrowIfUnknown_names_one_unknown_key_and_its_suggestion_on_one_line()
    {
        var ex = Assert.Throws<RpmInputException>(() => RpmConfigurationKeys.ThrowIfUnknown(Section(("Rpm:Chat:Modle", "x"))));

        Assert.Equal(
            "Unknown setting Rpm:Chat:Modle; did you mean Rpm:Chat:Model? Check the spelling (keys are case-insensitive and listed in the configuration table of README.md).",
            ex.Message);
    }

    [Fact]
    public void ThrowIfUnknown_names_every_unknown_key_on_one_line()
    {
        var ex = Assert.Throws<RpmInputException>(() => RpmConfigurationKeys.ThrowIfUnknown(
            Section(("Rpm:Chat:Modle", "x"), ("Rpm:Retrieval:TopK", "3"), ("Rpm:Cash:Enabled", "false"))));

        Assert.StartsWith("Unknown settings Rpm:Cash (did you mean Rpm:Cache?); Rpm:Chat:Modle (did you mean Rpm:Chat:Model?). ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void ThrowIfUnknown_accepts_known_keys()
    {
        RpmConfigurationKeys.ThrowIfUnknown(Section(("Rpm:Chat:Model", "m"), ("Rpm:Cache:Enabled", "false")));
    }

    [Fact]
    public void The_server_section_belongs_to_the_server_package_and_is_not_unknown_here_but_a_typo_beside_it_still_is()
    {
        var unknown = Assert.Single(RpmConfigurationKeys.FindUnknown(Section(
            ("Rpm:Server:ApiKeys:agents:Key", "k"), ("rpm:server:DefaultTask", "lamp2"), ("Rpm:Servr:DefaultTask", "lamp2"))));

        Assert.Equal("Rpm:Servr", unknown.Key);
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()
            .GetSection(RpmOptions.SectionName);
}
