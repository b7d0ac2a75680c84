using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests.Support;

/// <summary>
/// The repository's packages, packed once per test run into a temporary folder with a version no
/// other run uses (<c>0.0.0-t&lt;random&gt;</c>), so NuGet's global cache can never serve a stale copy.
/// Packs with <c>--no-build</c> from the configuration the tests were built with (the test project
/// references every packable project, so they are built). Disposing removes the folder and the
/// run's versions from the global cache.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime, IDisposable
{
    /// <summary>The platform the tool's ReadyToRun package is packed for by default: the SDK's own (linux-x64 here).</summary>
    public static readonly string ToolRid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    /// <summary>
    /// Every package the repository produces: the libraries, the tool's pointer package (RpmKernel.Cli),
    /// its ReadyToRun package for this platform and its portable fallback for every other platform
    /// (RpmKernel.Cli.any), the ones a default pack makes.
    /// </summary>
    public static readonly IReadOnlyList<string> PackageIds =
        ["RpmKernel.Core", "RpmKernel.Storage", "RpmKernel.SemanticKernel", "RpmKernel.Embeddings.Local", "RpmKernel.Mcp", "RpmKernel.AspNetCore", "RpmKernel.Evaluation",
            "RpmKernel.Cli", $"RpmKernel.Cli.{ToolRid}", "RpmKernel.Cli.any"];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(20);

    private readonly TempDirectory _root = new();

    /// <summary>The version every package of this run carries.</summary>
    public string Version { get; } = "0.0.0-t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The folder holding the .nupkg files (a NuGet source).</summary>
    public string Folder => _root.File("feed");

    /// <summary>The build configuration of the test assembly (Debug or Release), read from its output path.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";

    /// <summary>A fresh folder outside the repository for one test's files.</summary>
    public TempDirectory NewDirectory() => new();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var solution = Path.Combine(RepositoryPaths.Root, "RpmKernel.sln");
        await DotnetCommand.RunCheckedAsync(
            DotnetCommand.Host,
            ["pack", solution, "--no-build", "-c", Configuration, "-o", Folder, $"-p:PackageVersion={Version}", "-nologo"],
            RepositoryPaths.Root,
            PackTimeout);
        foreach (var id in PackageIds)
        {
            var package = Path.Combine(Folder, $"{id}.{Version}.nupkg");
            Assert.True(File.Exists(package), $"dotnet pack did not produce {package}; the folder holds: {string.Join(", ", Directory.GetFiles(Folder).Select(Path.GetFileName))}.");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Removes the folder and this run's versions from NuGet's global cache.</summary>
    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var folder = Path.Combine(cache, id.ToLowerInvariant(), Version);
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                var idFolder = Path.GetDirectoryName(folder)!;
                if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
                {
                    Directory.Delete(idFolder);
                }
            }
            catch (IOException)
            {
                // Another process still reads it; a leftover test version harms nothing.
            }
        }

        _root.Dispose();
    }
}
