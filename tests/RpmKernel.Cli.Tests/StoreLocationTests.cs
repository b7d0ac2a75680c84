using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// Where the store is without Rpm:Store:Sqlite:Path: the per-user data folder (XDG_DATA_HOME here, never
/// the real home), or the current folder's .rpm/rpm.db when it already has one. Child processes, so each
/// run has its own current directory.
/// </summary>
public sealed class StoreLocationTests
{
    [Fact]
    public async Task Without_a_path_the_store_is_the_per_user_data_folder_and_every_folder_sees_it()
    {
        await using var cli = await CliHarness.StartAsync();
        var environment = DefaultStoreEnvironment(cli);
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        var here = Folder(cli, "here");
        var elsewhere = Folder(cli, "elsewhere");

        var ingest = await RpmProcess.RunAsync(["ingest", "--user", "kim", "--task", "lamp2", "--history", history], environment, here);
        var explain = await RpmProcess.RunAsync(["explain", "--user", "kim", "--task", "lamp2", "--json"], environment, elsewhere);
        var config = await RpmProcess.RunAsync(["config", "--json"], environment, elsewhere);

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var perUser = Path.Combine(cli.Directory.Path, "xdg", "rpmkernel", "rpm.db");
        Assert.True(File.Exists(perUser), ingest.ToString());
        Assert.False(File.Exists(Path.Combine(here, ".rpm", "rpm.db")));
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Equal(6, (int)explain.Json["itemCount"]!);
        Assert.Equal(perUser, (string?)config.Json["store"]!["path"]);
        Assert.Contains("per-user data folder", (string?)config.Json["store"]!["reason"], StringComparison.Ordinal);

        // The setting's own row shows the file used, not the library default .rpm/rpm.db.
        var pathRow = config.Json["settings"]!.AsArray().Single(r => (string?)r!["key"] == "Rpm:Store:Sqlite:Path")!;
        Assert.Equal((perUser, "the per-user data folder (default)"), ((string?)pathRow["value"], (string?)pathRow["source"]));
    }

    [Fact]
    public async Task A_folder_that_already_has_a_store_uses_it_and_a_miss_names_the_per_user_store()
    {
        await using var cli = await CliHarness.StartAsync();
        var project = Folder(cli, "project");
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        cli.Environment["Rpm__Store__Sqlite__Path"] = Path.Combine(project, ".rpm", "rpm.db");
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "kim", "--task", "lamp2", "--history", history)).ExitCode);
        var environment = DefaultStoreEnvironment(cli);

        var inProject = await RpmProcess.RunAsync(["explain", "--user", "kim", "--task", "lamp2", "--json"], environment, project);
        var outside = await RpmProcess.RunAsync(["explain", "--user", "kim", "--task", "lamp2"], environment, Folder(cli, "elsewhere"));

        Assert.True(inProject.ExitCode == 0, inProject.ToString());
        Assert.Equal(6, (int)inProject.Json["itemCount"]!);
        Assert.Equal(2, outside.ExitCode);
        var line = Assert.Single(outside.StderrLines);
        Assert.Contains("has no ingested history", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(cli.Directory.Path, "xdg", "rpmkernel", "rpm.db"), line, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> DefaultStoreEnvironment(CliHarness cli)
    {
        var environment = new Dictionary<string, string?>(cli.Environment, StringComparer.Ordinal);
        environment.Remove("Rpm__Store__Sqlite__Path");
        environment["XDG_DATA_HOME"] = Path.Combine(cli.Directory.Path, "xdg");
        return environment;
    }

    private static string Folder(CliHarness cli, string name)
    {
        var path = cli.Directory.File(name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
