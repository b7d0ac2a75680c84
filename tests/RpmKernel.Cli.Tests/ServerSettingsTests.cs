using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>The <c>Rpm:Server</c> settings of <c>rpmk serve</c> in <c>rpmk config</c> (keys masked) and checked for typos like the rest.</summary>
public sealed class ServerSettingsTests
{
    private const string ServerKey = "rpm-server-key-Zq81-never-print";

    [Fact]
    public async Task Config_lists_the_server_section_with_its_api_keys_masked()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Server__ApiKeys__agent__Key"] = ServerKey;
        cli.Environment["Rpm__Server__ApiKeys__agent__Tenant"] = "acme";
        cli.Environment["Rpm__Server__ApiKeys__agent__Operations__0"] = "personalize";
        cli.Environment["Rpm__Server__RateLimit__PermitsPerWindow"] = "30";

        var json = await cli.RunAsync("config", "--json");
        var text = await cli.RunAsync("config");

        Assert.True(json.ExitCode == 0, json.ToString());
        var rows = json.Json["settings"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => ((string?)r!["value"], (string)r!["source"]!));
        Assert.Equal(("***", "environment"), rows["Rpm:Server:ApiKeys:agent:Key"]);
        Assert.Equal(("acme", "environment"), rows["Rpm:Server:ApiKeys:agent:Tenant"]);
        Assert.Equal(("personalize", "environment"), rows["Rpm:Server:ApiKeys:agent:Operations:0"]);
        Assert.Equal(("30", "environment"), rows["Rpm:Server:RateLimit:PermitsPerWindow"]);
        Assert.Equal(("lamp2", "default"), rows["Rpm:Server:DefaultTask"]);
        Assert.Equal(("00:01:00", "default"), rows["Rpm:Server:RateLimit:Window"]);
        Assert.Matches(@"(?m)^Rpm:Server:ApiKeys:agent:Key\s+\*\*\*\s+environment$", text.Stdout);
        Assert.DoesNotContain(ServerKey, json.Stdout + text.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rpm__Server__DefaultTsk", "Rpm:Server:DefaultTsk; did you mean Rpm:Server:DefaultTask?")]
    [InlineData("Rpm__Server__ApiKeys__agent__Tennant", "Rpm:Server:ApiKeys:agent:Tennant; did you mean Rpm:Server:ApiKeys:agent:Tenant?")]
    [InlineData("Rpm__Server__RateLimit__Permits", "Rpm:Server:RateLimit:Permits; ")]
    public async Task A_misspelt_server_key_exits_2_naming_it_and_the_nearest_key(string variable, string expected)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment[variable] = "x";

        var result = await cli.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Unknown setting " + expected, Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
