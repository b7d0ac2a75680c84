using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Settings layers (bundled file, --config, environment) and the errors of bad usage and configuration.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task No_model_configured_exits_2_with_the_OPENAI_API_KEY_hint()
    {
        await using var cli = await CliHarness.StartAsync();

        // A child process, so neither this process's OPENAI_API_KEY nor any Rpm__ variable reaches it.
        var result = await RpmProcess.RunAsync(
            ["personalize", "--user", "dave", "--task", "lamp2", "--query", Histories.NewMovie],
            new Dictionary<string, string?> { ["Rpm__Store__Sqlite__Path"] = cli.DatabasePath },
            cli.Directory.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: No model is configured: set OPENAI_API_KEY", line, StringComparison.Ordinal);
        Assert.Contains("Rpm__Chat__Endpoint", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_exits_2_listing_the_bundled_tasks()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("explain", "--user", "dave", "--task", "lamp99");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unknown task 'lamp99'; use one of goqa, lamp2, lamp3, lamp5 or the path to a profile YAML. A task ingested from a profile file is found by that file's path (such as --task ./tasks/lamp99.yaml), or by name once the file is in Rpm:Prompts:Directory as tasks/lamp99.yaml.", Assert.Single(result.StderrLines));
    }

    [Theory]
    [InlineData(new[] { "personalize", "--task", "lamp2", "--query", "q" }, "Option '--user' is required.", "rpmk personalize --help")]
    [InlineData(new[] { "ingest", "--user", "u", "--task", "lamp2", "--history", "h.jsonl", "--format", "csv" }, "csv", "rpmk ingest --help")]
    [InlineData(new[] { "explain", "--user", "u", "--task", "lamp2", "--colour" }, "--colour", "rpmk explain --help")]
    [InlineData(new string[0], "Required command was not provided.", "rpmk --help")]
    public async Task Bad_usage_exits_2_with_one_line_and_where_to_get_help(string[] args, string problem, string help)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.EndsWith($"Run `{help}` for usage.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_the_commands()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "ingest", "personalize", "explain", "forget", "demo" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_config_file_exits_2_naming_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var missing = cli.Directory.File("missing.json");

        var result = await cli.RunAsync("explain", "--user", "dave", "--task", "lamp2", "--config", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: The settings file '{missing}' given with --config does not exist", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_config_file_exits_2_naming_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var broken = cli.WriteFile("broken.json", "{ \"Rpm\": { \"Retrieval\": { \"TopK\": 2, } ");

        var result = await cli.RunAsync("explain", "--user", "dave", "--task", "lamp2", "--config", broken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: Could not read the settings file '{broken}': it is not valid JSON", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_exits_2_naming_the_key()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Retrieval__TopK"] = "many";

        var result = await cli.RunAsync("explain", "--user", "dave", "--task", "lamp2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Rpm:Retrieval:TopK", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_environment_variable_exits_2_naming_the_key_and_the_nearest_one()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Chat__Modle"] = "x";
        cli.Environment["Logging__LogLevel__Default"] = "Debug";
        cli.Environment["RpmX__Chat__Modle"] = "unrelated";

        var result = await cli.RunAsync("explain", "--user", "dave", "--task", "lamp2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: Unknown setting Rpm:Chat:Modle; did you mean Rpm:Chat:Model?", line, StringComparison.Ordinal);
        Assert.DoesNotContain("RpmX", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_key_in_a_config_file_exits_2_naming_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var config = cli.WriteFile("settings.json", """{ "Rpm": { "Retrieval": { "TopKk": 2 }, "Prompts": { "Versions": { "generate": "v2" } } } }""");

        var result = await cli.RunAsync("explain", "--user", "dave", "--task", "lamp2", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Unknown setting Rpm:Retrieval:TopKk; did you mean Rpm:Retrieval:TopK?", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_file_settings_apply_and_environment_variables_override_them()
    {
        await using var cli = await CliHarness.StartAsync();
        var configuredStore = cli.Directory.File("from-config.db");
        var config = cli.WriteFile("settings.json", $$"""
            { "Rpm": { "Store": { "Sqlite": { "Path": "{{configuredStore.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }, "Retrieval": { "TopK": 1 } } }
            """);
        cli.Environment.Remove("Rpm__Store__Sqlite__Path");
        cli.Environment["Rpm__Retrieval__TopK"] = "2";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunAsync("ingest", "--user", "erin", "--task", "lamp2", "--history", history, "--config", config, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.True(File.Exists(configuredStore), "the store path of the --config file was not used");

        var personalize = await cli.RunAsync("personalize", "--user", "erin", "--task", "lamp2", "--query", Histories.NewMovie, "--config", config, "--json");
        Assert.True(personalize.ExitCode == 0, personalize.ToString());

        // The file says TopK 1, the environment says 2: the environment wins.
        Assert.Equal(2, personalize.Json["examples"]!.AsArray().Count);
    }
}
