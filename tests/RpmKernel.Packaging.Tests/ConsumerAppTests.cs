using RpmKernel.Packaging.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests;

/// <summary>
/// A new console app outside the repository references RpmKernel.SemanticKernel as a package, composes
/// it with <c>services.AddRpm(configuration)</c> and runs ingest then personalize from a folder with no
/// prompts in it: the prompts and task profiles must come from inside the package.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class ConsumerAppTests(PackedFeed feed)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_console_app_using_the_package_ingests_and_personalizes_without_a_prompts_folder()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var dir = feed.NewDirectory();
        var app = dir.File("app");
        var work = dir.File("work");
        Directory.CreateDirectory(app);
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(app, "nuget.config"), ConsumerFiles.NuGetConfig(feed.Folder));
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), ConsumerFiles.Project(feed.Version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerFiles.Program);

        await DotnetCommand.RunCheckedAsync(DotnetCommand.Host, ["build", "Consumer.csproj", "-c", "Release", "-nologo"], app, BuildTimeout);
        var output = Path.Combine(app, "bin", "Release", "net10.0");
        Assert.False(Directory.Exists(Path.Combine(output, "prompts")), "The package must not need a prompts folder next to the app.");

        // Local embeddings are opt-in: the library alone brings no ONNX Runtime, ML.NET or MiniLM model.
        var heavy = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(f => f!.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase) || f.StartsWith("Microsoft.ML", StringComparison.Ordinal) || f.EndsWith(".onnx", StringComparison.Ordinal))
            .ToList();
        Assert.True(heavy.Count == 0, "RpmKernel.SemanticKernel must not bring local-embedding files: " + string.Join(", ", heavy));

        var environment = ModelEnvironment.For(server);
        environment["Rpm__Embeddings__Provider"] = "OpenAI";
        environment["Rpm__Embeddings__Endpoint"] = server.Endpoint.ToString();
        environment["Rpm__Embeddings__Dimensions"] = "64";
        environment["Rpm__Store__Provider"] = "InMemory";
        var run = await DotnetCommand.RunCheckedAsync(DotnetCommand.Host, [Path.Combine(output, "Consumer.dll")], work, RunTimeout, environment);

        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        Assert.True(lines.Count >= 5, run.ToString());
        Assert.Equal("6", lines["items"]);
        Assert.Equal("0", lines["failed"]);
        Assert.NotEqual("0", lines["factors"]);
        Assert.Contains(lines["answer"], ConsumerFiles.Lamp2Tags);
        Assert.Equal("v1", lines["generate"]);
        Assert.NotEqual("0", lines["examples"]);
        Assert.Contains(server.ChatRequests, r => r.IsStage("personalized_answer"));
        Assert.Contains(server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }
}
