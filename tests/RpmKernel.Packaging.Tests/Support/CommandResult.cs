namespace RpmKernel.Packaging.Tests.Support;

/// <summary>What a child process did: its command line, exit code and output.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything, for an assertion message.</summary>
    public override string ToString() =>
        $"'{Command}' exited with {ExitCode}.\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    // A failing restore or build can print thousands of lines; the end says what went wrong.
    private static string Tail(string text) => text.Length <= 12_000 ? text : "[...]\n" + text[^12_000..];
}
