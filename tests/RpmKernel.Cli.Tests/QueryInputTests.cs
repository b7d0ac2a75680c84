using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Where the query and the history come from: --query -, --query-file, and a LaMP file given without --format lamp.</summary>
public sealed class QueryInputTests
{
    [Fact]
    public async Task The_query_is_read_from_stdin_with_a_dash_and_from_a_file_with_query_file()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "kim", "--task", "lamp2", "--history", history)).ExitCode);
        cli.Server.ClearRequests();

        var fromStdin = await cli.RunWithStdinAsync(Histories.NewMovie + "\n", "personalize", "--user", "kim", "--task", "lamp2", "--query", "-", "--json");
        var stdinRequests = cli.Server.ChatRequests.Count(r => r.Body.Contains("simulation run by a corporation", StringComparison.Ordinal));
        cli.Server.ClearRequests();
        var file = cli.WriteFile("query.txt", "A lighthouse keeper finds letters from a future version of herself.");
        var fromFile = await cli.RunAsync("personalize", "--user", "kim", "--task", "lamp2", "--query-file", file, "--json");

        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.True(stdinRequests >= 2, "the stdin query did not reach the stage calls");
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Contains(cli.Server.ChatRequests, r => r.Body.Contains("letters from a future version of herself", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_file_over_the_limit_is_refused_before_any_call()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Limits__MaxQueryCharacters"] = "20";
        var file = cli.WriteFile("query.txt", new string('x', 21));

        var result = await cli.RunAsync("personalize", "--user", "kim", "--task", "lamp2", "--query-file", file);
        var both = await cli.RunAsync("personalize", "--user", "kim", "--task", "lamp2", "--query", "q", "--query-file", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"The query from the file '{file}' is longer than 20 characters (Rpm:Limits:MaxQueryCharacters)", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("Give the query once", Assert.Single(both.StderrLines), StringComparison.Ordinal);
        Assert.Empty(cli.Server.Requests);
    }

    [Fact]
    public async Task A_lamp_file_ingested_without_format_lamp_says_to_pass_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var lamp = cli.WriteFile("dev_questions.json", """
            [
              {"id": "310", "input": "Which tag does this movie relate to? description: A robot learns to paint.", "profile": [{"id": "3101", "tag": "sci-fi", "description": "A crew travels through a wormhole."}]}
            ]
            """);

        var result = await cli.RunAsync("ingest", "--user", "310", "--task", "lamp2", "--history", lamp);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("it looks like a LaMP questions file (a JSON array of users), not JSONL. Pass --format lamp", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(cli.Server.Requests);
    }
}
