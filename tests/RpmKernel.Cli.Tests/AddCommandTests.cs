using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk add</c>: one interaction learned on top of an ingested history, in text and JSON, with ingest's exit codes.</summary>
public sealed class AddCommandTests
{
    private const string Query = "A lighthouse keeper trades letters with a ghost across a century.";

    [Fact]
    public async Task Add_learns_one_item_and_the_user_model_counts_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("u.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "u1", "--task", "lamp2", "--history", history)).ExitCode);

        var add = await cli.RunAsync("add", "--user", "u1", "--task", "lamp2", "--query", Query, "--answer", "romance", "--id", "chat-42", "--json");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(["userId", "task", "itemId", "reused", "reclustered", "unmappedLabels", "itemCount", "factors", "usage"], add.Json.Select(p => p.Key));
        Assert.Equal("chat-42", (string)add.Json["itemId"]!);
        Assert.Equal(7, (int)add.Json["itemCount"]!);
        Assert.False((bool)add.Json["reused"]!);
        var calls = (int)add.Json["usage"]!["calls"]!;
        Assert.Equal((bool)add.Json["reclustered"]! ? 3 : 2, calls);
        var explain = await cli.RunAsync("explain", "--user", "u1", "--task", "lamp2", "--json");
        Assert.Equal(7, (int)explain.Json["itemCount"]!);

        var again = await cli.RunAsync("add", "--user", "u1", "--task", "lamp2", "--query", Query, "--answer", "romance", "--id", "chat-42");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("Added item chat-42 for user 'u1' (task lamp2): already stored; nothing redone.", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage: 0 model call(s)", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_the_task_refuses_or_a_missing_option_exits_2_with_one_line()
    {
        await using var cli = await CliHarness.StartAsync();

        var badAnswer = await cli.RunAsync("add", "--user", "u1", "--task", "lamp2", "--query", Query, "--answer", "not-a-tag");
        var noAnswer = await cli.RunAsync("add", "--user", "u1", "--task", "lamp2", "--query", Query);

        Assert.Equal(2, badAnswer.ExitCode);
        Assert.Contains("not-a-tag", badAnswer.Stderr, StringComparison.Ordinal);
        Assert.Single(badAnswer.Stderr.Trim().Split('\n'));
        Assert.Empty(cli.Server.ChatRequests);
        Assert.Equal(2, noAnswer.ExitCode);
        Assert.Contains("--answer", noAnswer.Stderr, StringComparison.Ordinal);
    }
}
