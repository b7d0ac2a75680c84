using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk doctor</c>: each check ok or failed with a fix, exit 1 when any fails.</summary>
public sealed class DoctorTests
{
    [Fact]
    public async Task With_a_working_setup_every_check_is_ok_after_one_tiny_model_call()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var checks = result.Json["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (bool)c!["ok"]!);
        Assert.Equal(["settings", "prompts", "store", "embeddings", "model"], checks.Keys);
        Assert.All(checks.Values, Assert.True);
        Assert.Single(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task A_failing_model_endpoint_fails_its_check_with_the_servers_text_and_a_fix_and_exits_1()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Server.EnqueueFault(FakeFault.Status(404, """{"error": {"message": "model 'gpt-9' does not exist"}}"""));

        var result = await cli.RunAsync("doctor");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^ok\s+store\s", result.Stdout);
        Assert.Matches(@"(?m)^FAIL\s+model\s+.*model 'gpt-9' does not exist", result.Stdout);
        Assert.Contains("fix: Check Rpm:Chat:Endpoint", result.Stdout, StringComparison.Ordinal);
        Assert.Single(cli.Server.ChatRequests);
    }
}
