using System.Text.Json;
using System.Text.Json.Nodes;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk ingest --format lamp</c> without <c>--user</c>: every entry of the file is a user, up to <c>--users-at-once</c> of them at a time.</summary>
public sealed class MultiUserIngestTests
{
    private static readonly (string User, (string Id, string Description, string Tag)[] Profile)[] Users =
    [
        ("210", [("2100", "A shark terrorises a beach town in midsummer.", "action"), ("2101", "A lonely writer falls for his operating system.", "romance")]),
        ("211",
        [
            ("2110", "Rebels smuggle books into a city where reading is banned.", "dystopia"),
            ("2111", "A mathematician hears voices that guide his proofs.", "psychology"),
            ("2112", "Miners on a frozen moon find a signal under the ice.", "sci-fi"),
        ]),
        ("212", [("2120", "A con man sells a town a monorail it does not need.", "comedy")]),
    ];

    private static string ThreeUsers => Questions().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A LaMP-2 questions file of <see cref="Users"/>: one entry per user, its profile the history.</summary>
    private static JsonArray Questions() =>
    [
        .. Users.Select(u => new JsonObject
        {
            ["id"] = u.User,
            ["input"] = "Which tag does this movie relate to? description: a new movie.",
            ["profile"] = new JsonArray([.. u.Profile.Select(p => new JsonObject { ["id"] = p.Id, ["description"] = p.Description, ["tag"] = p.Tag })]),
        }),
    ];

    [Fact]
    public async Task Redirected_output_prints_one_line_per_user_and_a_summary()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("questions.json", ThreeUsers);

        // One user at a time, so the lines come in file order.
        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--users-at-once", "1");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var lines = ingest.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("[1/3] user 210 ingested, 2 items", lines[0]);
        Assert.Equal("[2/3] user 211 ingested, 3 items", lines[1]);
        Assert.Equal("[3/3] user 212 ingested, 1 items", lines[2]);
        Assert.Equal("Ingested 3 users with 6 items (task lamp2); 0 failed.", lines[3]);
        Assert.StartsWith("Usage: ", lines[4], StringComparison.Ordinal);
        foreach (var (user, items) in new[] { ("210", 2), ("211", 3), ("212", 1) })
        {
            var explain = await cli.RunAsync("explain", "--user", user, "--task", "lamp2", "--json");
            Assert.Equal(items, (int)explain.Json["itemCount"]!);
        }

        cli.Server.ClearRequests();
        var again = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--users-at-once", "1");

        Assert.True(again.ExitCode == 0, again.ToString());
        var againLines = again.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("[2/3] user 211 ingested, 0 items, 3 reused", againLines[1]);
        Assert.Equal("Ingested 3 users with 0 items (task lamp2); 6 already stored and reused without model calls; 0 failed.", againLines[3]);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Theory]
    [InlineData(3, 8, 3)]
    [InlineData(3, 2, 2)]
    [InlineData(1, 8, 1)]
    public async Task Users_are_ingested_at_once_up_to_the_option_and_within_max_concurrency(int usersAtOnce, int maxConcurrency, int expected)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Chat__MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var questions = cli.WriteFile("questions.json", ThreeUsers);

        // Each user makes one feature call; a call waits until `expected` of them have arrived, so the
        // highest number in flight is exactly what runs at once (the wait only guards against a hang).
        var gate = new Lock();
        var enough = new ManualResetEventSlim();
        var (arrived, inFlight, most) = (0, 0, 0);
        cli.Server.Respond(request =>
        {
            if (!request.IsStage("extracted_features"))
            {
                return null;
            }

            lock (gate)
            {
                (arrived, inFlight) = (arrived + 1, inFlight + 1);
                most = Math.Max(most, inFlight);
                if (arrived >= expected)
                {
                    enough.Set();
                }
            }

            enough.Wait(TimeSpan.FromSeconds(30));
            lock (gate)
            {
                inFlight--;
            }

            return null;
        });

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--users-at-once", usersAtOnce.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(expected, most);
        var lines = ingest.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["[1/3]", "[2/3]", "[3/3]"], lines.Take(3).Select(l => l.Split(' ')[0]));
        Assert.Equal(["210", "211", "212"], lines.Take(3).Select(l => l.Split(' ')[2]).Order());
        Assert.Equal("Ingested 3 users with 6 items (task lamp2); 0 failed.", lines[3]);
    }

    [Fact]
    public async Task Users_at_once_below_one_is_refused_before_any_call()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("questions.json", ThreeUsers);

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--users-at-once", "0");

        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("--users-at-once must be at least 1", Assert.Single(ingest.StderrLines), StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task Rebuild_redoes_every_user_instead_of_reusing_what_is_stored()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("questions.json", ThreeUsers);
        string[] ingest = ["ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--json"];
        Assert.Equal(0, (await cli.RunAsync(ingest)).ExitCode);
        cli.Server.ClearRequests();

        var rebuild = await cli.RunAsync([.. ingest, "--rebuild"]);

        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Equal((6, 0), ((int)rebuild.Json["items"]!, (int)rebuild.Json["reused"]!));
        Assert.Equal(9, cli.Server.ChatRequests.Count);
    }

    [Fact]
    public async Task Json_prints_the_summary_of_every_user()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("questions.json", ThreeUsers);

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(["users", "items", "reused", "failed", "usage"], ingest.Json.Select(p => p.Key));
        Assert.Equal(3, (int)ingest.Json["users"]!);
        Assert.Equal(6, (int)ingest.Json["items"]!);
        Assert.Equal(0, (int)ingest.Json["reused"]!);
        Assert.Empty(ingest.Json["failed"]!.AsArray());

        // Every user: one feature call, one clustering call, one reasoning call.
        Assert.Equal(9, (int)ingest.Json["usage"]!["calls"]!);
        Assert.Equal(9, cli.Server.ChatRequests.Count);
    }

    [Fact]
    public async Task A_failed_item_is_listed_with_its_user_and_the_others_are_stored()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("questions.json", ThreeUsers);
        cli.Server.Respond(request => request.Body.Contains("frozen moon", StringComparison.Ordinal) ? "this is not json" : null);

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--json");

        Assert.Equal(1, ingest.ExitCode);
        Assert.Equal(5, (int)ingest.Json["items"]!);
        var failed = Assert.Single(ingest.Json["failed"]!.AsArray())!.AsObject();
        Assert.Equal(["userId", "itemId", "stage", "error"], failed.Select(p => p.Key));
        Assert.Equal("211", (string)failed["userId"]!);
        Assert.Equal("2112", (string)failed["itemId"]!);
        Assert.Equal("extract-features", (string)failed["stage"]!);
    }

    [Fact]
    public async Task A_malformed_entry_stops_the_run_before_any_user_is_stored()
    {
        await using var cli = await CliHarness.StartAsync();
        var broken = Questions();
        broken[2]!["profile"]![0]!.AsObject().Remove("description");
        var questions = cli.WriteFile("questions.json", broken.ToJsonString());

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp", "--json");

        Assert.Equal(2, ingest.ExitCode);
        var line = Assert.Single(ingest.StderrLines);
        Assert.Contains("$[2].profile[0].description", line, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", line, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
        var first = await cli.RunAsync("explain", "--user", "210", "--task", "lamp2");
        Assert.Equal(2, first.ExitCode);
    }

    [Fact]
    public async Task A_repeated_user_id_and_invalid_json_are_rejected_with_their_place()
    {
        await using var cli = await CliHarness.StartAsync();
        var repeated = cli.WriteFile("repeated.json", ThreeUsers.Replace("\"212\"", "\"210\"", StringComparison.Ordinal));
        var truncated = cli.WriteFile("truncated.json", ThreeUsers[..^40]);

        var twice = await cli.RunAsync("ingest", "--task", "lamp2", "--history", repeated, "--format", "lamp");
        var cut = await cli.RunAsync("ingest", "--task", "lamp2", "--history", truncated, "--format", "lamp");

        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("$[2].id '210' repeats the id of $[0]", twice.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains("is not valid JSON", cut.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.Server.ChatRequests);
    }

    [Fact]
    public async Task Without_a_model_the_run_stops_at_once_saying_how_to_configure_one()
    {
        await using var cli = await CliHarness.StartAsync();
        var questions = cli.WriteFile("questions.json", ThreeUsers);
        cli.Environment.Remove("Rpm__Chat__Endpoint");
        cli.Environment.Remove("Rpm__Chat__ApiKey");

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", questions, "--format", "lamp");

        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("OPENAI_API_KEY", Assert.Single(ingest.StderrLines), StringComparison.Ordinal);
        Assert.Empty(ingest.Stdout);
    }

    [Fact]
    public async Task Jsonl_without_user_is_a_usage_error()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunAsync("ingest", "--task", "lamp2", "--history", history);

        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("--user is required for a JSONL history", Assert.Single(ingest.StderrLines), StringComparison.Ordinal);
    }
}
