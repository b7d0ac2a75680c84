using System.Text.Json.Nodes;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>With --json an error is one JSON object on stderr; typos get a did-you-mean.</summary>
public sealed class JsonErrorTests
{
    [Fact]
    public async Task With_json_an_error_is_one_json_object_on_stderr_with_the_same_exit_code()
    {
        await using var cli = await CliHarness.StartAsync();

        var notFound = await cli.RunAsync("explain", "--user", "nobody", "--task", "lamp2", "--json");
        var usage = await cli.RunAsync("explain", "--user", "nobody", "--json");

        Assert.Equal(2, notFound.ExitCode);
        Assert.Equal("", notFound.Stdout);
        var error = JsonNode.Parse(Assert.Single(notFound.StderrLines))!.AsObject();
        Assert.Equal(["error", "code", "hint"], error.Select(p => p.Key));
        Assert.Equal("not_found", (string?)error["code"]);
        Assert.Contains("has no ingested history", (string?)error["error"], StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        var parse = JsonNode.Parse(Assert.Single(usage.StderrLines))!.AsObject();
        Assert.Equal("usage", (string?)parse["code"]);
        Assert.Contains("--task", (string?)parse["error"], StringComparison.Ordinal);
        Assert.Equal("Run `rpmk explain --help` for usage.", (string?)parse["hint"]);
    }

    [Theory]
    [InlineData(new[] { "explian", "--user", "u", "--task", "lamp2" }, "Did you mean `explain` instead of `explian`?")]
    [InlineData(new[] { "explain", "--usr", "u", "--task", "lamp2" }, "Did you mean `--user` instead of `--usr`?")]
    [InlineData(new[] { "personalize", "--user", "u", "--task", "lamp2", "--qeury", "q" }, "Did you mean `--query` instead of `--qeury`?")]
    public async Task A_mistyped_command_or_option_gets_a_did_you_mean(string[] args, string suggestion)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(suggestion, Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
