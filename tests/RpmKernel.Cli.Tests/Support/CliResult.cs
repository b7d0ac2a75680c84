using System.Text.Json.Nodes;

namespace RpmKernel.Cli.Tests.Support;

/// <summary>What one run of <c>rpmk</c> produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as the one JSON document <c>--json</c> promises.</summary>
    public JsonObject Json => JsonNode.Parse(Stdout) as JsonObject
        ?? throw new InvalidOperationException($"stdout is not a JSON object: {Stdout}");

    /// <summary>The non-empty lines written to stderr.</summary>
    public IReadOnlyList<string> StderrLines =>
        Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
