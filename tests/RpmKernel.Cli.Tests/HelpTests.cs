using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk --help</c> lists every command, and usage errors of the new commands exit 2 with one line.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_every_command_and_the_global_options()
    {
        await using var cli = await CliHarness.StartAsync();

        var help = await cli.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "ingest", "add", "personalize", "explain", "forget", "usage", "prompts", "reindex", "demo", "--prompt", "--json", "--config", "--verbose" })
        {
            Assert.Contains(command, help.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("prompts", "show")]
    [InlineData("prompts", "diff", "generate", "v1")]
    [InlineData("prompts", "frobnicate")]
    [InlineData("usage", "--user")]
    [InlineData("reindex", "extra")]
    public async Task Missing_or_extra_arguments_exit_2_with_one_line_pointing_at_help(params string[] args)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
        Assert.DoesNotContain(CliHarness.ApiKey, result.Stderr, StringComparison.Ordinal);
    }
}
