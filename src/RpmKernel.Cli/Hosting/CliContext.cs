using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RpmKernel.Cli.Settings;
using RpmKernel.Core.Text;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Cli.Hosting;

/// <summary>What one run of <c>rpmk</c> shares across its commands: writers, environment, global options, secrets.</summary>
internal sealed class CliContext
{
    private readonly TextWriter _rawStdout;
    private readonly TextWriter _rawStderr;

    public CliContext(TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? environment, TextReader? stdin = null)
    {
        Stdin = stdin ?? Console.In;
        // Everything the command prints passes the one redaction pass, whichever code wrote it.
        _rawStdout = stdout;
        _rawStderr = stderr;
        Stdout = new RedactingTextWriter(stdout, Secrets);
        Stderr = new RedactingTextWriter(stderr, Secrets);
        Environment = environment;
        Secrets.Add(GetEnvironmentVariable("OPENAI_API_KEY"));
    }

    /// <summary>Where <c>--query -</c> reads from: the process's stdin unless a caller gave its own.</summary>
    public TextReader Stdin { get; }

    /// <summary>Results; every line is masked by <see cref="Secrets"/>.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Errors, progress and logs; every line is masked by <see cref="Secrets"/>.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Injected environment variables, or null for the process environment.</summary>
    public IDictionary<string, string?>? Environment { get; }

    public GlobalOptions Globals { get; } = new();

    /// <summary>The settings layers of this run, once read (for <c>rpmk config</c>).</summary>
    public IConfigurationRoot? Configuration { get; set; }

    /// <summary>The <c>--config</c> file of this run, once the settings are read; repeated in the commands hints tell the user to run.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The store of this run and why it was chosen, once the settings are read; named by every "not found".</summary>
    public StoreLocation? Store { get; set; }

    public SecretRedactor Secrets { get; } = new();

    public string? GetEnvironmentVariable(string name) =>
        Environment is null
            ? System.Environment.GetEnvironmentVariable(name)
            : Environment.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether results go to an interactive terminal (progress bars), not a file, pipe or test writer.</summary>
    public bool StdoutIsTerminal => ReferenceEquals(_rawStdout, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Whether errors go to the process's own, not redirected, terminal.</summary>
    public bool StderrIsTerminal => ReferenceEquals(_rawStderr, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Writes out the last, unterminated line of both writers.</summary>
    public void Flush()
    {
        Stdout.Flush();
        Stderr.Flush();
    }

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Globals.Json);

    /// <summary>Composes the RPM runtime from the layered settings of this run.</summary>
    public RpmRuntime OpenRuntime(ParseResult parseResult) => RpmCliHost.OpenRuntime(this, parseResult);

    /// <summary>Composes the RPM runtime from the layered settings of this run, then <paramref name="adjust"/> (a command's own flags).</summary>
    public RpmRuntime OpenRuntime(ParseResult parseResult, Action<RpmKernel.SemanticKernel.Options.RpmOptions> adjust) => RpmCliHost.OpenRuntime(this, parseResult, adjust);

    /// <summary>Writes one JSON document in the RpmKernel output shape (camelCase, nulls omitted).</summary>
    public void WriteJson<T>(T value) => Stdout.WriteLine(RpmJson.Serialize(value, indented: true));
}
