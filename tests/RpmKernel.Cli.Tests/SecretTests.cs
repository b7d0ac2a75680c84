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

    [Fact]
    public async Task A_server_that_echoes_the_key_in_an_error_body_never_puts_it_into_ingest_output()
    {
        // Issue 12, finding 7: the echoed key reached failed[].error on stdout, in text and --json.
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        var body = $$$"""{"error": {"message": "Bad request from key {{{CliHarness.ApiKey}}} (Authorization: Bearer {{{CliHarness.ApiKey}}})", "type": "invalid_request_error"}}""";
        for (var i = 0; i < 40; i++)
        {
            cli.Server.EnqueueFault(FakeFault.Status(400, body));
        }

        var text = await cli.RunAsync("ingest", "--user", "frank", "--task", "lamp2", "--history", history);
        var json = await cli.RunAsync("ingest", "--user", "frank", "--task", "lamp2", "--history", history, "--json", "--rebuild");

        Assert.Equal(1, text.ExitCode);
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("Bad request from key ***", text.Stdout + text.Stderr, StringComparison.Ordinal);
        Assert.Contains("Bad request from key ***", json.Stdout, StringComparison.Ordinal);
        Assert.All(new[] { text, json }, r =>
        {
            Assert.DoesNotContain(CliHarness.ApiKey, r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(CliHarness.ApiKey, r.Stderr, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_key_pasted_into_a_setting_of_the_wrong_type_is_masked_in_the_error_and_the_qdrant_key_too()
    {
        await using var cli = await CliHarness.StartAsync();
        const string QdrantKey = "qdrant-key-Hw93-never-print-me";
        cli.Environment["Rpm__Store__Qdrant__ApiKey"] = QdrantKey;
        cli.Environment["Rpm__Chat__MaxConcurrency"] = CliHarness.ApiKey;
        cli.Environment["Rpm__Retrieval__TopK"] = QdrantKey;

        var chat = await cli.RunAsync("explain", "--user", "frank", "--task", "lamp2", "--verbose");
        cli.Environment.Remove("Rpm__Chat__MaxConcurrency");
        var qdrant = await cli.RunAsync("explain", "--user", "frank", "--task", "lamp2", "--verbose");

        Assert.Equal(2, chat.ExitCode);
        Assert.Equal(2, qdrant.ExitCode);
        Assert.Contains("A setting has an invalid value", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("'***'", qdrant.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(CliHarness.ApiKey, chat.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(QdrantKey, qdrant.Stderr, StringComparison.Ordinal);
    }
}
