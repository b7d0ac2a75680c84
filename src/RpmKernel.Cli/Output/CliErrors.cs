using System.CommandLine;
using Microsoft.SemanticKernel;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.Storage;

namespace RpmKernel.Cli.Output;

/// <summary>Turns failures into the exit code and the one-line <c>error: ...</c> message of DESIGN.md §3.</summary>
internal static class CliErrors
{
    public static void ReportParseErrors(ParseResult parseResult, TextWriter stderr)
    {
        var command = parseResult.CommandResult.Command;
        var help = command is RootCommand ? "rpmk --help" : $"rpmk {command.Name} --help";
        var problems = string.Join(" ", parseResult.Errors.Select(e => Sentence(OneLine(e.Message))));
        stderr.WriteLine($"error: {problems} Run `{help}` for usage.");
    }

    public static int Report(Exception exception, CliContext context, bool verbose, CancellationToken cancellationToken)
    {
        var (code, message) = Classify(exception, cancellationToken);
        context.Stderr.WriteLine("error: " + context.Secrets.Redact(OneLine(message)));
        if (verbose)
        {
            context.Stderr.WriteLine(context.Secrets.Redact(exception.ToString()));
        }

        return code;
    }

    private static (int Code, string Message) Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            (CliApp.Cancelled, "Cancelled. Nothing half-built was stored; rerun the command to do the rest."),
        RpmInputException input => (CliApp.InputError, input.Message),
        UserForgottenException forgotten => (CliApp.RuntimeFailure, forgotten.Message),
        TimeoutException waited => (CliApp.RuntimeFailure, waited.Message),
        RpmModelOutputException output =>
            (CliApp.RuntimeFailure, $"{output.Message} The model kept returning invalid output; retry, raise Rpm:Chat:MaxRetries, or use a stronger Rpm:Chat:Model."),
        EmbeddingDimensionMismatchException stale =>
            (CliApp.InputError, $"{stale.Message} To switch the store to the configured embedding model, run `rpmk reindex`."),
        HttpOperationException http =>
            (CliApp.RuntimeFailure, $"The model call failed{Status(http)}: {http.Message} Check that the server at Rpm:Chat:Endpoint is running and retry."),
        HttpRequestException http =>
            (CliApp.RuntimeFailure, $"The model server could not be reached: {http.Message} Check Rpm:Chat:Endpoint and your network, then retry."),
        OperationCanceledException =>
            (CliApp.RuntimeFailure, "A model call timed out. Retry, or raise Rpm:Chat:Timeout for a slow server."),
        _ => (CliApp.RuntimeFailure, $"Unexpected failure ({exception.GetType().Name}): {exception.Message} Rerun with --verbose for the full trace."),
    };

    private static string Status(HttpOperationException http) => http.StatusCode is { } status ? $" (HTTP {(int)status})" : "";

    private static string Sentence(string message) =>
        message.EndsWith('.') || message.EndsWith('!') || message.EndsWith('?') ? message : message + ".";

    private static string OneLine(string message) =>
        string.Join(' ', message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
