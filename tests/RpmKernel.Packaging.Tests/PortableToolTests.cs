using System.IO.Compression;
using RpmKernel.Packaging.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests;

/// <summary>
/// The tool's portable fallback, RpmKernel.Cli.any: the package <c>dotnet tool install</c> picks on a platform
/// that has no ReadyToRun package of its own. It is plain IL with the natives of every desktop and server
/// platform, and installed where the pointer names nothing else, it runs the demo (SQLite and the local ONNX
/// embedding model load their natives from it).
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class PortableToolTests(PackedFeed feed)
{
    private const string Portable = "RpmKernel.Cli.any";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_pointer_names_a_portable_package_holding_IL_and_the_natives_of_the_other_platforms()
    {
        using (var pointer = ZipFile.OpenRead(Path.Combine(feed.Folder, $"RpmKernel.Cli.{feed.Version}.nupkg")))
        {
            Assert.Contains($"RuntimeIdentifier=\"any\" Id=\"{Portable}\"", Settings(pointer), StringComparison.Ordinal);
        }

        using var portable = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{Portable}.{feed.Version}.nupkg"));
        var entry = Assert.Single(portable.Entries, e => e.Name == "rpmk.dll");
        using (var assembly = entry.Open())
        {
            Assert.False(ReadyToRunImage.IsReadyToRun(assembly), "the portable package's rpmk.dll is precompiled for one platform");
        }

        foreach (var native in new[] { "win-x64/native/onnxruntime.dll", "win-x64/native/e_sqlite3.dll", "osx-arm64/native/libonnxruntime.dylib", "osx-arm64/native/libe_sqlite3.dylib", "linux-arm64/native/libonnxruntime.so", "linux-x64/native/libe_sqlite3.so" })
        {
            Assert.Contains(portable.Entries, e => e.FullName.EndsWith("/runtimes/" + native, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(portable.Entries, e => e.FullName.Contains("/runtimes/android", StringComparison.Ordinal) || e.FullName.Contains("/runtimes/browser", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_platform_without_its_own_package_the_portable_one_is_installed_and_runs_the_demo()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var dir = feed.NewDirectory();
        var source = dir.File("feed");
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(feed.Folder, $"{Portable}.{feed.Version}.nupkg"), Path.Combine(source, $"{Portable}.{feed.Version}.nupkg"));
        PointerNamingOnlyThePortablePackage(Path.Combine(feed.Folder, $"RpmKernel.Cli.{feed.Version}.nupkg"), Path.Combine(source, $"RpmKernel.Cli.{feed.Version}.nupkg"));

        // A NuGet cache of its own: the shared one may hold this run's real pointer, which names this platform.
        var tools = dir.File("tools");
        var install = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = dir.File("nuget") };
        await DotnetCommand.RunCheckedAsync(
            DotnetCommand.Host,
            ["tool", "install", "--tool-path", tools, "--add-source", source, "RpmKernel.Cli", "--version", feed.Version],
            dir.Path,
            InstallTimeout,
            install);
        var installed = Directory.GetFiles(tools, "*.dll", SearchOption.AllDirectories);
        Assert.False(ReadyToRunImage.IsReadyToRun(Assert.Single(installed, f => Path.GetFileName(f) == "rpmk.dll")));

        var environment = ModelEnvironment.For(server);
        environment["XDG_DATA_HOME"] = dir.File("data");
        var rpmk = Path.Combine(tools, OperatingSystem.IsWindows() ? "rpmk.exe" : "rpmk");
        var demo = await DotnetCommand.RunCheckedAsync(rpmk, ["demo"], dir.Path, RunTimeout, environment);

        Assert.Contains(ConsumerFiles.Lamp2Tags, t => demo.Stdout.Contains("Answer: " + t, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir.File("data"), "rpmkernel", "rpm.db")), demo.ToString());
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
    }

    private static string Settings(ZipArchive pointer)
    {
        var settings = Assert.Single(pointer.Entries, e => e.Name == "DotnetToolSettings.xml");
        using var reader = new StreamReader(settings.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A copy of the pointer package whose tool settings name the portable package only, as on a platform that was not packed.</summary>
    private static void PointerNamingOnlyThePortablePackage(string pointer, string copy)
    {
        File.Copy(pointer, copy);
        using var zip = ZipFile.Open(copy, ZipArchiveMode.Update);
        var settings = Assert.Single(zip.Entries, e => e.Name == "DotnetToolSettings.xml");
        var name = settings.FullName;
        string xml;
        using (var reader = new StreamReader(settings.Open()))
        {
            xml = reader.ReadToEnd();
        }

        var lines = xml.Split('\n').Where(l => !l.Contains("<RuntimeIdentifierPackage ", StringComparison.Ordinal) || l.Contains($"Id=\"{Portable}\"", StringComparison.Ordinal));
        settings.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(string.Join('\n', lines));
    }
}
