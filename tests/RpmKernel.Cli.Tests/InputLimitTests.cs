using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Hostile input is refused before memory grows, with one line naming the limit (issue 12, findings 4, 5, 6, 9).</summary>
public sealed class InputLimitTests
{
    [Fact]
    public async Task A_history_of_endless_bytes_is_refused_at_the_line_limit()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Limits__MaxHistoryLineBytes"] = "65536";

        var result = await cli.RunAsync("ingest", "--user", "carol", "--task", "lamp2", "--history", "/dev/zero");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("line 1: longer than 65536 bytes (Rpm:Limits:MaxHistoryLineBytes)", line, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task A_line_past_the_byte_limit_is_refused_naming_it()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Limits__MaxHistoryLineBytes"] = "1000";
        var history = cli.WriteFile("long.jsonl",
            "{\"id\": \"m1\", \"query\": \"A clerk rebels.\", \"answer\": \"dystopia\"}\n{\"id\": \"m2\", \"query\": \"" + new string('x', 2000) + "\", \"answer\": \"comedy\"}\n");

        var result = await cli.RunAsync("ingest", "--user", "carol", "--task", "lamp2", "--history", history);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{history}', line 2: longer than 1000 bytes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_naming_the_line_instead_of_becoming_replacement_characters()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.Directory.File("latin1.jsonl");
        var good = "{\"id\": \"m1\", \"query\": \"A clerk rebels.\", \"answer\": \"dystopia\"}\n"u8.ToArray();
        byte[] bad = [.. "{\"id\": \"m2\", \"query\": \"Caf"u8.ToArray(), 0xE9, .. "\", \"answer\": \"comedy\"}\n"u8.ToArray()];
        await File.WriteAllBytesAsync(history, [.. good, .. bad]);

        var result = await cli.RunAsync("ingest", "--user", "carol", "--task", "lamp2", "--history", history);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{history}', line 2: not valid UTF-8", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task A_lamp_entry_past_the_entry_limit_is_refused()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Limits__MaxLampEntryBytes"] = "4096";
        var lamp = cli.WriteFile("lamp.json",
            "[{\"id\": \"u1\", \"input\": \"x\", \"profile\": [{\"id\": \"p1\", \"description\": \"" + new string('y', 100_000) + "\", \"tag\": \"comedy\"}]}]");

        var result = await cli.RunAsync("ingest", "--task", "lamp2", "--history", lamp, "--format", "lamp");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("larger than 4096 bytes", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Rpm:Limits:MaxLampEntryBytes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_user_id_or_query_is_refused_before_any_model_or_embedding_call()
    {
        await using var cli = await CliHarness.StartAsync(localEmbeddings: true);
        var id = new string('u', 32_500);

        var user = await cli.RunAsync("personalize", "--user", id, "--task", "lamp2", "--query", "A crew travels.");
        var query = await cli.RunAsync("personalize", "--user", "carol", "--task", "lamp2", "--query", new string('q', 32_500));

        Assert.Equal(2, user.ExitCode);
        Assert.Contains("The user id has 32500 characters; the limit is 512 (Rpm:Limits:MaxIdCharacters)", user.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(id, user.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, query.ExitCode);
        Assert.Contains("The query has 32500 characters; the limit is 8000 (Rpm:Limits:MaxQueryCharacters)", query.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task A_task_or_config_that_is_not_a_small_regular_file_is_not_opened()
    {
        await using var cli = await CliHarness.StartAsync();
        var secret = cli.WriteFile("shadow", "root:SECRET-MARK:19000:0:99999:7:::\n");

        var task = await cli.RunAsync("explain", "--user", "carol", "--task", secret);
        var zero = await cli.RunAsync("explain", "--user", "carol", "--task", "/dev/zero");
        var config = await cli.RunAsync("--config", "/dev/zero", "explain", "--user", "carol", "--task", "lamp2");

        Assert.Equal(2, task.ExitCode);
        Assert.DoesNotContain("SECRET", task.Stderr, StringComparison.Ordinal);
        Assert.Contains("neither a bundled task nor a .yaml/.yml file", task.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, zero.ExitCode);
        Assert.Equal(2, config.ExitCode);
        Assert.Contains("is not a regular file of 1 to 1048576 bytes (Rpm:Limits:MaxConfigFileBytes", config.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_below_one_is_a_configuration_error_naming_the_key()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Limits__MaxQueryCharacters"] = "0";

        var result = await cli.RunAsync("explain", "--user", "carol", "--task", "lamp2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Rpm:Limits:MaxQueryCharacters must be at least 1", result.Stderr, StringComparison.Ordinal);
    }
}
