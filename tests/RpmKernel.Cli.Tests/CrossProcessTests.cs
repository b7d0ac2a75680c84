using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Separate <c>rpmk</c> processes share users through the SQLite store.</summary>
public sealed class CrossProcessTests
{
    [Fact]
    public async Task A_second_process_personalizes_for_the_user_the_first_process_ingested()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);

        var ingest = await cli.RunProcessAsync("ingest", "--user", "grace", "--task", "lamp2", "--history", history, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(6, (int)ingest.Json["items"]!);

        var personalize = await cli.RunProcessAsync("personalize", "--user", "grace", "--task", "lamp2", "--query", Histories.NewMovie, "--json");
        Assert.True(personalize.ExitCode == 0, personalize.ToString());
        Assert.Contains((string)personalize.Json["answer"]!, Histories.Lamp2Labels);
        Assert.NotEmpty(personalize.Json["examples"]!.AsArray());
        Assert.All(personalize.Json["examples"]!.AsArray(), e => Assert.Matches("^m[1-6]$", (string)e!["itemId"]!));
    }
}
