using Microsoft.Data.Sqlite;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests.Support;

/// <summary>
/// A fake OpenAI-compatible server, a temp folder holding the SQLite store, and the environment
/// that points <c>rpmk</c> at them; runs the real entry point in-process or as a child process.
/// </summary>
internal sealed class CliHarness : IAsyncDisposable
{
    /// <summary>A key distinctive enough that any leak into the output is found by a substring search.</summary>
    public const string ApiKey = "sk-test-Qz7vR2-never-print-me";

    private CliHarness(FakeOpenAIServer server, TempDirectory directory, bool localEmbeddings)
    {
        Server = server;
        Directory = directory;
        Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Rpm__Chat__Endpoint"] = server.Endpoint.ToString(),
            ["Rpm__Chat__ApiKey"] = ApiKey,
            ["Rpm__Chat__MaxRetries"] = "1",
            ["Rpm__Store__Sqlite__Path"] = DatabasePath,
        };
        if (!localEmbeddings)
        {
            Environment["Rpm__Embeddings__Provider"] = "OpenAI";
            Environment["Rpm__Embeddings__Model"] = "text-embedding-3-small";
            Environment["Rpm__Embeddings__Dimensions"] = "64";
        }
    }

    public FakeOpenAIServer Server { get; }

    public TempDirectory Directory { get; }

    public string DatabasePath => Directory.File("store/rpm.db");

    /// <summary>The environment <c>rpmk</c> sees (settings as <c>Rpm__Section__Key</c> variables).</summary>
    public Dictionary<string, string?> Environment { get; }

    public static async Task<CliHarness> StartAsync(bool localEmbeddings = false) =>
        new(await FakeOpenAIServer.StartAsync(), new TempDirectory(), localEmbeddings);

    /// <summary>Runs <c>rpmk</c> in this process through <see cref="CliApp.RunAsync"/>.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <summary>Runs <c>rpmk</c> in this process; <paramref name="cancellationToken"/> plays the part of Ctrl+C.</summary>
    public async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, Environment, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>rpmk</c> in this process with <paramref name="stdin"/> as what it reads from stdin.</summary>
    public async Task<CliResult> RunWithStdinAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, input, stdout, stderr, Environment, CancellationToken.None);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>rpmk.dll</c> as a separate OS process with <see cref="Environment"/>.</summary>
    public Task<CliResult> RunProcessAsync(params string[] args) => RpmProcess.RunAsync(args, Environment, Directory.Path);

    /// <summary>Runs the built <c>rpmk.dll</c> as a child process and calls <paramref name="whileRunning"/> once it has started.</summary>
    public Task<CliResult> RunProcessAsync(string[] args, Func<System.Diagnostics.Process, Task> whileRunning) =>
        RpmProcess.RunAsync(args, Environment, Directory.Path, whileRunning);

    /// <summary>Starts the built <c>rpmk.dll</c> as a child process whose stderr the test can watch while it runs.</summary>
    public RunningRpm StartProcess(params string[] args) => RunningRpm.Start(args, Environment, Directory.Path);

    /// <summary>Writes a file into the temp folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Directory.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
