using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary>What a new user meets first: hints that work when followed, start-up errors that name the key, server text kept.</summary>
public sealed class FirstRunMessagesTests
{
    [Fact]
    public async Task The_explain_hint_after_ingesting_a_profile_file_works_when_followed()
    {
        await using var cli = await CliHarness.StartAsync();
        System.IO.Directory.CreateDirectory(cli.Directory.File("tasks"));
        var profile = cli.WriteFile("tasks/wine.yaml", WineTask.Profile);
        var history = cli.WriteFile("wine.jsonl", WineTask.History);

        var ingest = await cli.RunAsync("ingest", "--user", "sam", "--task", profile, "--history", history);

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var hint = System.Text.RegularExpressions.Regex.Match(ingest.Stdout, "`rpmk (explain [^`]+)`");
        Assert.True(hint.Success, ingest.Stdout);
        Assert.Contains($"--task {Path.GetFullPath(profile)}", hint.Value, StringComparison.Ordinal);
        var followed = await cli.RunAsync([.. hint.Groups[1].Value.Split(' '), "--json"]);
        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Equal("wine", (string?)followed.Json["task"]);
        Assert.Equal(3, (int)followed.Json["itemCount"]!);
    }

    [Fact]
    public async Task Every_hint_that_names_a_profile_file_repeats_its_full_path_and_works_when_followed()
    {
        await using var cli = await CliHarness.StartAsync();
        System.IO.Directory.CreateDirectory(cli.Directory.File("tasks"));
        var profile = cli.WriteFile("tasks/wine.yaml", WineTask.Profile);
        var full = Path.GetFullPath(profile);

        var before = await cli.RunAsync("explain", "--user", "sam", "--task", profile);
        var added = await cli.RunAsync("add", "--user", "sam", "--task", profile, "--query", "Roast duck with cherries.", "--answer", "red", "--id", "w9");
        var missing = await cli.RunAsync("history", "remove", "--user", "sam", "--task", profile, "--item", "w404");

        Assert.Equal(2, before.ExitCode);
        Assert.Contains($"`rpmk ingest --user sam --task {full} --history FILE`", before.Stderr, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.ToString());
        var hint = System.Text.RegularExpressions.Regex.Match(added.Stdout, "`rpmk (explain [^`]+)`");
        Assert.True(hint.Success, added.Stdout);
        Assert.Contains($"--task {full}", hint.Value, StringComparison.Ordinal);
        var followed = await cli.RunAsync([.. hint.Groups[1].Value.Split(' '), "--json"]);
        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Equal(1, (int)followed.Json["itemCount"]!);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"`rpmk export --user sam --task {full}`", missing.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rpm__Chat__Endpoint", "Rpm:Chat:Endpoint")]
    [InlineData("Rpm__Embeddings__Endpoint", "Rpm:Embeddings:Endpoint")]
    public async Task An_endpoint_that_is_not_a_url_exits_2_at_start_up_naming_the_key(string variable, string key)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment[variable] = "not-a-url";

        var result = await cli.RunAsync("personalize", "--user", "dave", "--task", "lamp2", "--query", Histories.NewMovie);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"error: {key} 'not-a-url' is not an absolute http:// or https:// address", line, StringComparison.Ordinal);
        Assert.Empty(cli.Server.Requests);
    }

    [Fact]
    public async Task A_404_keeps_the_servers_own_text_with_the_key_masked()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "kim", "--task", "lamp2", "--history", history)).ExitCode);
        var body = "{\"error\": {\"message\": \"model 'llama9' not found, try pulling it first (key " + CliHarness.ApiKey + ")\", \"type\": \"not_found\"}}";
        cli.Server.EnqueueFault(FakeFault.Status(404, body));

        var result = await cli.RunAsync("personalize", "--user", "kim", "--task", "lamp2", "--query", Histories.NewMovie);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("404", line, StringComparison.Ordinal);
        Assert.Contains("model 'llama9' not found, try pulling it first", line, StringComparison.Ordinal);
        Assert.DoesNotContain(CliHarness.ApiKey, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Rpm:Chat:Model", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_goqa_query_without_options_is_refused_before_any_model_call()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("personalize", "--user", "ana", "--task", "goqa", "--query", "How much do you trust the national government?");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lists no options: add a line 'Options:'", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(cli.Server.Requests);
    }

    [Fact]
    public async Task No_ingested_history_names_the_store_file_it_looked_in()
    {
        await using var cli = await CliHarness.StartAsync();

        var explain = await cli.RunAsync("explain", "--user", "nobody", "--task", "lamp2");
        var personalize = await cli.RunAsync("personalize", "--user", "nobody", "--task", "lamp2", "--query", Histories.NewMovie);

        foreach (var result in new[] { explain, personalize })
        {
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.StderrLines);
            Assert.Contains("has no ingested history", line, StringComparison.Ordinal);
            Assert.Contains($"Looked in the store {Path.GetFullPath(cli.DatabasePath)} (Rpm:Store:Sqlite:Path from environment)", line, StringComparison.Ordinal);
        }
    }
}
