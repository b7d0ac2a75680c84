using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Hosting;

namespace RpmKernel.AspNetCore.Tests.Hosting;

/// <summary>A misspelt key under <c>Rpm:Server</c> stops the host's start naming it and the nearest valid key, as misspelt <c>Rpm</c> keys do.</summary>
public sealed class ServerKeysTests
{
    [Fact]
    public void A_misspelt_server_key_fails_validation_with_the_nearest_key()
    {
        using var provider = Services(("Rpm:Server:DefaultTsk", "lamp3"), ("Rpm:Server:ApiKeys:agent:Key", "k-0123456789abcdef0123456789abcdef"), ("Rpm:Server:ApiKeys:agent:Tenant", "acme"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RpmServerOptions>>().Value);

        Assert.Contains("Unknown setting Rpm:Server:DefaultTsk; did you mean Rpm:Server:DefaultTask?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_documented_server_key_is_accepted()
    {
        using var provider = Services(
            ("Rpm:Server:DefaultTask", "lamp3"),
            ("Rpm:Server:MaxRequestBodyBytes", "1000"),
            ("Rpm:Server:JobsRescanInterval", "00:00:05"),
            ("Rpm:Server:AllowedTasks:0", "lamp3"),
            ("Rpm:Server:ApiKeys:agent:Key", "k-0123456789abcdef0123456789abcdef"),
            ("Rpm:Server:ApiKeys:agent:Tenant", "acme"),
            ("Rpm:Server:ApiKeys:agent:Operations:0", "personalize"),
            ("Rpm:Server:RateLimit:PermitsPerWindow", "10"),
            ("Rpm:Server:RateLimit:Keys:agent:PermitsPerWindow", "5"));

        var options = provider.GetRequiredService<IOptions<RpmServerOptions>>().Value;

        Assert.Equal("lamp3", options.DefaultTask);
        Assert.Equal("acme", options.ApiKeys["agent"].Tenant);
        Assert.Equal(TimeSpan.FromSeconds(5), options.JobsRescanInterval);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("2.00:00:00")]
    public void A_jobs_rescan_interval_out_of_range_fails_validation_saying_what_to_set(string interval)
    {
        using var provider = Services(("Rpm:Server:JobsRescanInterval", interval), ("Rpm:Server:ApiKeys:agent:Key", "k-0123456789abcdef0123456789abcdef"), ("Rpm:Server:ApiKeys:agent:Tenant", "acme"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RpmServerOptions>>().Value);

        Assert.Contains($"Rpm:Server:JobsRescanInterval is {TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)}; set an interval above zero and at most a day, such as 00:00:30", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddRpmServer(configuration);
        return services.BuildServiceProvider();
    }
}
