using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Tests.Options;

public sealed class RpmOptionsValidationTests
{
    [Fact]
    public void ValidateOnStart_stops_the_start_naming_the_unknown_key_and_its_suggestion()
    {
        using var provider = Services(("Rpm:Chat:Modle", "gpt-4o")).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Unknown setting Rpm:Chat:Modle; did you mean Rpm:Chat:Model?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_reports_an_out_of_range_value_with_the_validator_message()
    {
        using var provider = Services(("Rpm:Retrieval:TopK", "0")).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["Rpm:Retrieval:TopK must be at least 1 (default 4)."], ex.Failures);
    }

    [Fact]
    public void Valid_settings_start_and_bind()
    {
        using var provider = Services(("Rpm:Retrieval:TopK", "2"), ("Rpm:Pricing:Models:local:InputPerMillion", "1")).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptions<RpmOptions>>().Value;
        Assert.Equal(2, options.Retrieval.TopK);
        Assert.Equal(1m, options.Pricing.Models["local"].InputPerMillion);
    }

    [Fact]
    public void Both_kinds_of_failure_are_reported_together_and_named_options_are_skipped()
    {
        var validation = new RpmOptionsValidation(Configuration(("Rpm:Ingest:BachSize", "4")).GetSection(RpmOptions.SectionName));
        var options = new RpmOptions { Retrieval = { TopK = 0 } };

        var result = validation.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Rpm:Ingest:BachSize; did you mean Rpm:Ingest:BatchSize?", StringComparison.Ordinal));
        Assert.Contains("Rpm:Retrieval:TopK must be at least 1 (default 4).", result.Failures!);
        Assert.True(validation.Validate("other", options).Skipped);
    }

    private static ServiceCollection Services(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddValidatedRpmOptions(Configuration(settings));
        return services;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
