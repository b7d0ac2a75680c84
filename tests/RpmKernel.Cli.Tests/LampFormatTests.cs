using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk ingest --format lamp</c>: a LaMP questions file, one entry per user, <c>--user</c> picks one.</summary>
public sealed class LampFormatTests
{
    private const string Lamp2Questions =
        """
        [
          {"id": "110", "input": "Which tag does this movie relate to? description: A heist goes wrong.",
           "profile": [
             {"id": "1100", "description": "A shark terrorises a beach town in midsummer.", "tag": "action"},
             {"id": "1101", "description": "A lonely writer falls for his operating system.", "tag": "romance"}
           ]},
          {"id": "111", "input": "Which tag does this movie relate to? description: A robot learns to paint.",
           "profile": [
             {"id": "1110", "description": "Rebels smuggle books into a city where reading is banned.", "tag": "dystopia"},
             {"id": "1111", "description": "A mathematician hears voices that guide his proofs.", "tag": "psychology"},
             {"id": "1112", "description": "Miners on a frozen moon find a signal under the ice.", "tag": "sci-fi"}
           ]}
        ]
        """;

    [Fact]
    public async Task Ingest_picks_the_user_entry_and_maps_description_and_tag()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp2_questions.json", Lamp2Questions);

        var ingest = await cli.RunAsync("ingest", "--user", "111", "--task", "lamp2", "--history", questions, "--format", "lamp", "--json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(3, (int)ingest.Json["items"]!);
        var sent = string.Concat(cli.Server.ChatRequests.Select(r => r.Body));
        Assert.Contains("Rebels smuggle books", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("A shark terrorises", sent, StringComparison.Ordinal);

        var explain = await cli.RunAsync("explain", "--user", "111", "--task", "lamp2", "--json");
        Assert.Equal(3, (int)explain.Json["itemCount"]!);
        var other = await cli.RunAsync("explain", "--user", "110", "--task", "lamp2");
        Assert.Equal(2, other.ExitCode);
    }

    [Fact]
    public async Task Lamp3_profiles_map_text_and_a_numeric_score()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp3_questions.json",
            """
            [{"id": "310", "input": "What is the score of this review?",
              "profile": [
                {"id": "3100", "text": "Broke after two days, and support never answered.", "score": 1},
                {"id": "3101", "text": "Does what it says, nothing more.", "score": "3"}
              ]}]
            """);

        var ingest = await cli.RunAsync("ingest", "--user", "310", "--task", "lamp3", "--history", questions, "--format", "lamp", "--json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(2, (int)ingest.Json["items"]!);
    }

    [Fact]
    public async Task A_user_missing_from_the_file_exits_2_listing_the_ids_it_holds()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp2_questions.json", Lamp2Questions);

        var result = await cli.RunAsync("ingest", "--user", "999", "--task", "lamp2", "--history", questions, "--format", "lamp");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("User '999' is not in LaMP file", line, StringComparison.Ordinal);
        Assert.Contains("(it holds 2 users: 110, 111)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_profile_item_is_named_by_its_json_path()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp2_questions.json", Lamp2Questions.Replace("\"tag\": \"psychology\"", "\"tag\": \"\"", StringComparison.Ordinal));

        var result = await cli.RunAsync("ingest", "--user", "111", "--task", "lamp2", "--history", questions, "--format", "lamp");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$[1].profile[1].tag is missing or empty", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task Invalid_json_exits_2_naming_the_file_and_where()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp2_questions.json", "[{\"id\": \"110\", \"profile\": [}]");

        var result = await cli.RunAsync("ingest", "--user", "110", "--task", "lamp2", "--history", questions, "--format", "lamp");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains($"LaMP file '{questions}' is not valid JSON at $[0] (line 1)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_array_exits_2()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp2_questions.json", "{\"id\": \"110\", \"profile\": []}");

        var result = await cli.RunAsync("ingest", "--user", "110", "--task", "lamp2", "--history", questions, "--format", "lamp");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"LaMP file '{questions}' is not a JSON array", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_without_a_lamp_mapping_exit_2()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("lamp2_questions.json", Lamp2Questions);

        var result = await cli.RunAsync("ingest", "--user", "110", "--task", "goqa", "--history", questions, "--format", "lamp");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --format lamp supports lamp2, lamp3 and lamp5", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
