namespace RpmKernel.Cli.Output;

/// <summary>
/// One failure as <c>rpmk</c> reports it: the exit code, a short machine-readable kind, what is wrong and
/// how to fix it. Text output is <c>error: Error Hint</c> on one line; <c>--json</c> prints
/// <c>{"error", "code", "hint"}</c> on stderr.
/// </summary>
/// <param name="ExitCode">The process exit code (1 runtime failure, 2 bad input, 130 cancelled).</param>
/// <param name="Code">The kind of failure, stable for scripts: <c>usage</c>, <c>input</c>, <c>not_found</c>, <c>model_http</c>, ...</param>
/// <param name="Error">What is wrong.</param>
/// <param name="Hint">How to fix it; empty when the error already says so.</param>
internal sealed record CliFailure(int ExitCode, string Code, string Error, string Hint)
{
    public string Line => Hint.Length == 0 ? Error : $"{Error} {Hint}";
}
