using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>A bad history file stops <c>rpmk ingest</c> before any model call, with one line naming where.</summary>
public sealed class HistoryInputTests
{
    public static TheoryData<string, int, string> MalformedFiles => new()
    {
        {
            "{\"id\": \"m1\", \"query\": \"A clerk rebels.\", \"answer\": \"dystopia\"}\n{\"id\": \"m2\", \"query\": \"Sisters run a bakery.\", \"answer\": \"comedy\"}\n{\"id\": \"m3\", \"query\": \"A crew travels\n",
            3, "not valid JSON"
        },
        {
            "{\"id\": \"m1\", \"query\": \"A clerk rebels.\", \"answer\": \"dystopia\"}\n{\"id\": \"m2\", \"query\": \"Sisters run a bakery.\"}\n",
            2, "\"answer\" is missing"
        },
        {
            "\n\n{\"id\": \"m1\", \"query\": \"  \", \"answer\": \"dystopia\"}\n",
            3, "\"query\" is empty"
        },
        {
            "{\"id\": \"m1\", \"query\": \"A clerk rebels.\", \"answer\": \"dystopia\"}\n{\"id\": \"m2\", \"query\": \"Sisters run a bakery.\", \"answer\": \"comedy\"}\n\n{\"id\": \"m1\", \"query\": \"A crew travels.\", \"answer\": \"sci-fi\"}\n",
            4, "id 'm1' is already used on line 1"
        },
        {
            "[\"m1\", \"A clerk rebels.\", \"dystopia\"]\n",
            1, "expected a JSON object"
        },
        {
            "{\"query\": \"A clerk rebels.\", \"answer\": \"dystopia\"}\n",
            1, "\"id\" is missing"
        },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_line_exits_2_naming_file_and_line_and_stores_nothing(string content, int badLine, string problem)
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("broken.jsonl", content);

        var result = await cli.RunAsync("ingest", "--user", "carol", "--task", "lamp2", "--history", history, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        // With --json the error is one JSON object on stderr.
        var error = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(result.StderrLines))!;
        Assert.Equal("input", (string?)error["code"]);
        var line = (string)error["error"]!;
        Assert.Contains($"'{history}', line {badLine}:", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);

        var explain = await cli.RunAsync("explain", "--user", "carol", "--task", "lamp2");
        Assert.Equal(2, explain.ExitCode);
        Assert.Contains("User 'carol' has no ingested history for task 'lamp2'", explain.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_history_file_exits_2_naming_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var missing = cli.Directory.File("nope.jsonl");

        var result = await cli.RunAsync("ingest", "--user", "carol", "--task", "lamp2", "--history", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: The history file '{missing}' does not exist; pass an existing file with --history FILE.", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task An_answer_the_task_does_not_accept_exits_2_before_any_model_call()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("h.jsonl", "{\"id\": \"m1\", \"query\": \"A clerk rebels.\", \"answer\": \"horror\"}\n");

        var result = await cli.RunAsync("ingest", "--user", "carol", "--task", "lamp2", "--history", history);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'m1'", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }
}
