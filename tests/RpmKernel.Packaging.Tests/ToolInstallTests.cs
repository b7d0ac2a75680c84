using RpmKernel.Packaging.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests;

/// <summary>
/// <c>dotnet tool install</c> of the packed RpmKernel.Cli, then the installed <c>rpmk</c> run from an
/// empty folder: its settings, prompts, demo history and local embedding model (ONNX Runtime's native
/// library for this machine) must all come with the tool.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class ToolInstallTests(PackedFeed feed)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_installed_tool_prints_help_and_runs_the_demo_against_the_model_server()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var dir = feed.NewDirectory();
        var tools = dir.File("tools");
        var work = dir.File("work");
        Directory.CreateDirectory(work);

        await DotnetCommand.RunCheckedAsync(
            DotnetCommand.Host,
            ["tool", "install", "--tool-path", tools, "--add-source", feed.Folder, "RpmKernel.Cli", "--version", feed.Version],
            work,
            InstallTimeout);
        var rpmk = Path.Combine(tools, OperatingSystem.IsWindows() ? "rpmk.exe" : "rpmk");
        Assert.True(File.Exists(rpmk), $"dotnet tool install put no {Path.GetFileName(rpmk)} in {tools}.");

        var help = await DotnetCommand.RunCheckedAsync(rpmk, ["--help"], work, RunTimeout);
        Assert.Contains("rpmk", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("personalize", help.Stdout, StringComparison.Ordinal);

        // The bundled appsettings.json chooses local embeddings: the demo proves the model and its native runtime came along.
        var environment = ModelEnvironment.For(server);
        environment["Rpm__Store__Sqlite__Path"] = dir.File("store/rpm.db");
        var demo = await DotnetCommand.RunCheckedAsync(rpmk, ["demo", "--json"], work, RunTimeout, environment);

        var json = System.Text.Json.Nodes.JsonNode.Parse(demo.Stdout) ?? throw new InvalidOperationException(demo.ToString());
        Assert.Empty(json["ingest"]!["failed"]!.AsArray());
        Assert.Contains((string)json["personalized"]!["answer"]!, ConsumerFiles.Lamp2Tags);
        Assert.Equal("v1", (string)json["personalized"]!["promptVersions"]!["generate"]!);
        Assert.Contains(server.ChatRequests, r => r.IsStage("personalized_answer"));
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
        Assert.True(File.Exists(dir.File("store/rpm.db")), demo.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }
}
