using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary>The API key is never printed, not even in --verbose logs and exception traces.</summary>
public sealed class SecretTests
{
    [Fact]
    public async Task The_api_key_never_appears_in_stdout_or_stderr_even_with_verbose()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        var runs = new List<CliResult>
        {
            await cli.RunAsync("ingest", "--user", "frank", "--task", "lamp2", "--history", history, "--verbose"),
            await cli.RunAsync("personalize", "--user", "frank", "--task", "lamp2", "--query", Histories.NewMovie, "--verbose", "--json"),
            await cli.RunAsync("explain", "--user", "nobody", "--task", "lamp2", "--verbose"),
        };

        // A server that echoes the key in its error, as OpenAI's 401 does: the trace printed by --verbose carries it.
        cli.Server.EnqueueFault(FakeFault.Status(401,
            $$$"""{"error": {"message": "Incorrect API key provided: {{{CliHarness.ApiKey}}}.", "type": "invalid_request_error", "code": "invalid_api_key"}}"""));
        var refused = await cli.RunAsync("personalize", "--user", "frank", "--task", "lamp2", "--query", Histories.NewMovie + " (uncached)", "--verbose");
        runs.Add(refused);

        Assert.Equal([0, 0, 2, 2], runs.Select(r => r.ExitCode));
        Assert.StartsWith("error: The chat model endpoint refused the API key", refused.StderrLines.First(l => l.StartsWith("error: ", StringComparison.Ordinal)), StringComparison.Ordinal);

        // --verbose really printed the trace (so the check below is not vacuous) and masked the key in it.
        Assert.Contains("Incorrect API key provided: ***", refused.Stderr, StringComparison.Ordinal);
        Assert.All(runs, r =>
        {
            Assert.DoesNotContain(CliHarness.ApiKey, r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(CliHarness.ApiKey, r.Stderr, StringComparison.Ordinal);
        });
    }
}
