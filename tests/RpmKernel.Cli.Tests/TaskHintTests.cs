using System.Text.RegularExpressions;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// Every command a message tells the user to run works when run as printed: it repeats the profile file's path
/// and the run's <c>--config</c> file (which may hold the store and the prompts folder), and a task listed by
/// <c>rpmk users</c> that was ingested from a file says what to pass instead of its name.
/// </summary>
public sealed partial class TaskHintTests
{
    [Fact]
    public async Task Hints_of_a_run_with_a_settings_file_repeat_it_and_work_when_followed()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Directory.File("prompts/tasks"));
        cli.WriteFile("prompts/tasks/wine.yaml", WineTask.Profile);
        var history = cli.WriteFile("wine.jsonl", WineTask.History);

        // The store and the prompts folder (which makes `wine` a name) come only from the settings file.
        cli.Environment.Remove("Rpm__Store__Sqlite__Path");
        var config = cli.WriteFile("rpm.settings.json", $$"""
            { "Rpm": { "Store": { "Sqlite": { "Path": {{System.Text.Json.JsonSerializer.Serialize(cli.Directory.File("cfg-store/rpm.db"))}} } },
                       "Prompts": { "Directory": {{System.Text.Json.JsonSerializer.Serialize(cli.Directory.File("prompts"))}} } } }
            """);

        var missing = await cli.RunAsync("explain", "--config", config, "--user", "sam", "--task", "wine");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"`rpmk --config {config} ingest --user sam --task wine --history FILE`", missing.Stderr, StringComparison.Ordinal);

        var ingest = await cli.RunAsync("ingest", "--config", config, "--user", "sam", "--task", "wine", "--history", history);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(3, (int)(await Follow(cli, ingest.Stdout, "--json")).Json["itemCount"]!);

        var added = await cli.RunAsync("add", "--config", config, "--user", "sam", "--task", "wine", "--query", "Roast duck with cherries.", "--answer", "red", "--id", "w4");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal(4, (int)(await Follow(cli, added.Stdout, "--json")).Json["itemCount"]!);

        var noItem = await cli.RunAsync("history", "remove", "--config", config, "--user", "sam", "--task", "wine", "--item", "w404");
        Assert.Equal(2, noItem.ExitCode);
        var export = await Follow(cli, noItem.Stderr);
        Assert.Contains("w4", export.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exported user 'sam'", export.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_ingested_from_a_file_is_listed_with_what_to_pass_and_its_name_says_the_same()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Directory.File("tasks"));
        var profile = cli.WriteFile("tasks/wine.yaml", WineTask.Profile);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "sam", "--task", profile, "--history", cli.WriteFile("wine.jsonl", WineTask.History))).ExitCode);

        var users = await cli.RunAsync("users");
        var byName = await cli.RunAsync("explain", "--user", "sam", "--task", "wine");
        var byPath = await cli.RunAsync("explain", "--user", "sam", "--task", profile, "--json");

        Assert.True(users.ExitCode == 0, users.ToString());
        Assert.Matches(@"(?m)^sam\s+wine\s+3\s", users.Stdout);
        Assert.Contains("Task 'wine' was ingested from a profile file: pass that file's path as --task (as at ingest)", users.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Task 'lamp2'", users.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, byName.ExitCode);
        Assert.Contains("A task ingested from a profile file is found by that file's path (such as --task ./tasks/wine.yaml)", byName.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (int)byPath.Json["itemCount"]!);
    }

    /// <summary>Runs the first backticked <c>rpmk</c> command of <paramref name="output"/> as printed, plus <paramref name="more"/>; it must succeed.</summary>
    private static async Task<CliResult> Follow(CliHarness cli, string output, params string[] more)
    {
        var hint = HintedCommand().Match(output);
        Assert.True(hint.Success, "No `rpmk ...` hint in: " + output);
        string[] words = [.. hint.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. more];
        var followed = await cli.RunAsync(words);
        Assert.True(followed.ExitCode == 0, $"`rpmk {string.Join(' ', words)}` failed:\n{followed}");
        return followed;
    }

    [GeneratedRegex("`rpmk ([^`]+)`")]
    private static partial Regex HintedCommand();
}
