using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk users</c>, <c>export</c>, <c>import</c> and <c>history remove</c>: who is stored, moving a user to another store, and removing one item consistently.</summary>
public sealed class MovingDataTests
{
    [Fact]
    public async Task Users_lists_every_stored_user_with_items_model_prompts_and_build_time()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ada");
        await IngestAsync(cli, "bo");

        var json = await cli.RunAsync("users", "--json");
        var text = await cli.RunAsync("users");
        var none = await cli.RunAsync("users", "--task", "lamp3");

        Assert.True(json.ExitCode == 0, json.ToString());
        var users = json.Json["users"]!.AsArray();
        Assert.Equal(["ada", "bo"], users.Select(u => (string)u!["userId"]!));
        Assert.All(users, u => Assert.Equal((6, "lamp2"), ((int)u!["itemCount"]!, (string)u["task"]!)));
        Assert.All(users, u => Assert.Equal("v1", (string)u!["promptVersions"]!["extract-features"]!));
        Assert.All(users, u => Assert.False(string.IsNullOrEmpty((string?)u!["model"]) || string.IsNullOrEmpty((string?)u["builtAt"])));
        Assert.Contains("2 user(s), 2 user model(s).", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("No users are stored for task 'lamp3'.", none.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_exported_and_imported_into_another_store_needs_no_model_call()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ada");
        var explained = await cli.RunAsync("explain", "--user", "ada", "--task", "lamp2", "--json");

        var export = await cli.RunAsync("export", "--user", "ada");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.StartsWith("{\"format\":\"rpmkernel-user-export\",\"version\":1,", export.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exported user 'ada' (task lamp2): 6 record(s), 1 user model(s)", export.Stderr, StringComparison.Ordinal);
        var file = cli.WriteFile("ada.jsonl", export.Stdout);

        cli.Environment["Rpm__Store__Sqlite__Path"] = cli.Directory.File("other/rpm.db");
        cli.Server.ClearRequests();
        var import = await cli.RunAsync("import", file);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Empty(cli.Server.Requests);
        Assert.Contains("The stored embeddings were kept; no model was called.", import.Stdout, StringComparison.Ordinal);
        var moved = await cli.RunAsync("explain", "--user", "ada", "--task", "lamp2", "--json");
        Assert.Equal(explained.Json.ToJsonString(), moved.Json.ToJsonString());

        // A second import into the same store would merge silently; it is refused unless --replace.
        var again = await cli.RunAsync("import", file);
        Assert.Equal((2, true), (again.ExitCode, again.Stderr.Contains("--replace", StringComparison.Ordinal)));
        Assert.Equal(0, (await cli.RunAsync("import", file, "--replace")).ExitCode);
    }

    [Fact]
    public async Task Import_with_another_embedding_model_re_embeds_and_says_so()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ada");
        var file = cli.WriteFile("ada.jsonl", (await cli.RunAsync("export", "--user", "ada", "--task", "lamp2")).Stdout);
        cli.Environment["Rpm__Store__Sqlite__Path"] = cli.Directory.File("other/rpm.db");
        cli.Environment["Rpm__Embeddings__Model"] = "text-embedding-3-large";
        cli.Server.ClearRequests();

        var import = await cli.RunAsync("import", file, "--json");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal(6, (int)import.Json["reembedded"]!);
        Assert.Empty(cli.Server.ChatRequests);
        Assert.NotEmpty(cli.Server.Requests);
    }

    [Fact]
    public async Task Import_refuses_an_unknown_format_version_with_exit_2()
    {
        await using var cli = await CliHarness.StartAsync();
        var file = cli.WriteFile("future.jsonl", "{\"format\":\"rpmkernel-user-export\",\"version\":2,\"userId\":\"ada\"}\n");

        var import = await cli.RunAsync("import", file);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("format version 2", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("only version 1", import.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_remove_deletes_the_record_and_recomputes_the_model_from_what_is_left()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, "ada");
        cli.Server.ClearRequests();

        var remove = await cli.RunAsync("history", "remove", "--user", "ada", "--task", "lamp2", "--item", "m3", "--json");
        var model = (await cli.RunAsync("explain", "--user", "ada", "--task", "lamp2", "--json")).Json;
        var export = await cli.RunAsync("export", "--user", "ada");

        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Empty(cli.Server.Requests);
        Assert.Equal(5, (int)remove.Json["itemCount"]!);
        Assert.Equal(5, (int)model["itemCount"]!);
        Assert.DoesNotContain("\"itemId\":\"m3\"", export.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"itemId\":\"m2\"", export.Stdout, StringComparison.Ordinal);
        Assert.All(model["factors"]!.AsArray(), f =>
        {
            Assert.InRange((int)f!["evidence"]!, 1, 5);
            Assert.Equal((double)(int)f["evidence"]! / 5, (double)f["coverage"]!, 6);
        });

        var unknown = await cli.RunAsync("history", "remove", "--user", "ada", "--task", "lamp2", "--item", "m3");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no item 'm3'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_last_item_deletes_the_user_model()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("one.jsonl", Histories.SixMovies.Split('\n')[0]);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "ada", "--task", "lamp2", "--history", history)).ExitCode);

        var remove = await cli.RunAsync("history", "remove", "--user", "ada", "--task", "lamp2", "--item", "m1");

        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Contains("the user model was deleted too", remove.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("explain", "--user", "ada", "--task", "lamp2")).ExitCode);
    }

    private static async Task IngestAsync(CliHarness cli, string userId)
    {
        var history = cli.WriteFile($"{userId}.jsonl", Histories.SixMovies);
        var ingest = await cli.RunAsync("ingest", "--user", userId, "--task", "lamp2", "--history", history);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
    }
}
