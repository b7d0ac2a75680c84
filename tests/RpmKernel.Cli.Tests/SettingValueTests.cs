using System.Globalization;
using RpmKernel.Cli.Settings;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Setting values a newcomer gets wrong: durations without a unit, enum values, a folder given to --config; `rpmk config` shows what applied.</summary>
public sealed class SettingValueTests
{
    [Theory]
    [InlineData("5s", "00:00:05")]
    [InlineData("500ms", "00:00:00.5000000")]
    [InlineData("2m", "00:02:00")]
    [InlineData("00:00:05", "00:00:05")]
    public async Task A_duration_with_a_unit_or_as_a_time_span_is_read_as_written(string written, string effective)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Chat__Timeout"] = written;

        var config = await cli.RunAsync("config", "--json");

        Assert.True(config.ExitCode == 0, config.ToString());
        var row = config.Json["settings"]!.AsArray().Single(r => (string?)r!["key"] == "Rpm:Chat:Timeout")!;
        Assert.Equal(written, (string?)row["value"]);
        Assert.Equal("environment", (string?)row["source"]);
        Assert.True(DurationSetting.TryParse(written, out var parsed, out _));
        Assert.Equal(effective, parsed.ToString("c", CultureInfo.InvariantCulture));

        // Accepted at start-up: the command gets as far as the store.
        var explain = await cli.RunAsync("explain", "--user", "x", "--task", "lamp2");
        Assert.Contains("has no ingested history", explain.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_number_for_a_duration_is_refused_not_read_as_days()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Chat__Timeout"] = "5";

        var result = await cli.RunAsync("explain", "--user", "x", "--task", "lamp2");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: Rpm:Chat:Timeout = '5' is a bare number without a unit; write a duration such as 500ms, 5s, 2m", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_enum_value_lists_the_valid_ones()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Store__Provider"] = "Postgres";

        var result = await cli.RunAsync("explain", "--user", "x", "--task", "lamp2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Rpm:Store:Provider = 'Postgres' is not valid; use one of Sqlite, Qdrant, InMemory.", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task A_folder_given_to_config_says_a_settings_file_was_expected()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("explain", "--user", "x", "--task", "lamp2", "--config", cli.Directory.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --config expects a JSON settings file, but '{cli.Directory.Path}' is a folder", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_shows_each_setting_with_its_source_and_masks_secrets()
    {
        await using var cli = await CliHarness.StartAsync();
        var file = cli.WriteFile("settings.json", """{ "Rpm": { "Retrieval": { "TopK": 3 } } }""");

        var result = await cli.RunAsync("config", "--config", file);
        var json = await cli.RunAsync("config", "--config", file, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(CliHarness.ApiKey, result.Stdout + json.Stdout, StringComparison.Ordinal);
        var rows = json.Json["settings"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => ((string?)r!["value"], (string?)r["source"]));
        Assert.Equal(("3", "file"), rows["Rpm:Retrieval:TopK"]);
        Assert.Equal(("gpt-4o-mini", "default"), rows["Rpm:Chat:Model"]);
        Assert.Equal(("***", "environment"), rows["Rpm:Chat:ApiKey"]);
        Assert.Equal((cli.Server.Endpoint.ToString(), "environment"), rows["Rpm:Chat:Endpoint"]);
        Assert.Equal(("0.15", "default"), rows["Rpm:Pricing:Models:gpt-4o-mini:InputPerMillion"]);
        Assert.Equal("bundled", rows["prompts"].Item1);
        Assert.Matches(@"Rpm:Retrieval:TopK\s+3\s+file", result.Stdout);
    }

    [Fact]
    public async Task Config_shows_the_model_each_stage_will_call_and_where_it_comes_from()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Chat__IngestModel"] = "builder";
        cli.Environment["Rpm__Chat__Stages__generate__Model"] = "server";
        cli.Environment["Rpm__Chat__Stages__generate__ApiKey"] = "sk-stage-secret";

        var result = await cli.RunAsync("config", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("sk-stage-secret", result.Stdout, StringComparison.Ordinal);
        var rows = result.Json["settings"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => ((string?)r!["value"], (string?)r["source"]));
        Assert.Equal(("builder", "Rpm:Chat:IngestModel"), rows["model of construct-reasoning"]);
        Assert.Equal(("builder", "Rpm:Chat:IngestModel"), rows["model of extract-features"]);
        Assert.Equal(("gpt-4o-mini", "Rpm:Chat:Model"), rows["model of extract-target-features"]);
        Assert.Equal(("server", "Rpm:Chat:Stages:generate:Model"), rows["model of generate"]);
    }
}
