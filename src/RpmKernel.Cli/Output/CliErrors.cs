using System.CommandLine;
using Microsoft.SemanticKernel;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.Storage;

namespace RpmKernel.Cli.Output;

/// <summary>Turns failures into the exit code and one line on stderr: <c>error: ...</c>, or with <c>--json</c> one JSON object.</summary>
internal static class CliErrors
{
    public static void ReportParseErrors(ParseResult parseResult, CliContext context, bool json)
    {
        var command = parseResult.CommandResult.Command;
        var help = command is RootCommand ? "rpmk --help" : $"rpmk {command.Name} --help";
        var problems = string.Join(" ", parseResult.Errors.Select(e => Sentence(OneLine(e.Message))));
        var suggestions = Suggestions.For(parseResult);
        var error = suggestions.Length == 0 ? problems : $"{problems} {suggestions}";
        Write(context, new CliFailure(CliApp.InputError, "usage", error, $"Run `{help}` for usage."), json);
    }

    public static int Report(Exception exception, CliContext context, bool verbose, bool json, CancellationToken cancellationToken)
    {
        var failure = Classify(exception, context, cancellationToken);
        Write(context, failure, json);
        if (verbose)
        {
            context.Stderr.WriteLine(context.Secrets.Redact(exception.ToString()));
        }

        return failure.ExitCode;
    }

    private static void Write(CliContext context, CliFailure failure, bool json)
    {
        var error = context.Secrets.Redact(CliHints.Repeat(OneLine(failure.Error), context.ConfigFile));
        var hint = context.Secrets.Redact(CliHints.Repeat(OneLine(failure.Hint), context.ConfigFile));
        if (json)
        {
            context.Stderr.WriteLine(RpmJson.Serialize(new ErrorDocument(error, failure.Code, hint), indented: false));
        }
        else
        {
            context.Stderr.WriteLine("error: " + (hint.Length == 0 ? error : $"{error} {hint}"));
        }
    }

    private static CliFailure Classify(Exception exception, CliContext context, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            new(CliApp.Cancelled, "cancelled", "Cancelled.", "Nothing half-built was stored; rerun the command to do the rest."),
        RpmNotFoundException missing => new(CliApp.InputError, "not_found", $"{missing.Message} {LookedIn(context)}", ""),
        RpmInputException input => new(CliApp.InputError, "input", input.Message, ""),
        UserForgottenException forgotten => new(CliApp.RuntimeFailure, "forgotten", forgotten.Message, ""),
        TimeoutException waited => new(CliApp.RuntimeFailure, "timeout", waited.Message, ""),
        RpmModelOutputException output =>
            new(CliApp.RuntimeFailure, "model_output", output.Message, "The model kept returning invalid output; retry, raise Rpm:Chat:MaxRetries, or use a stronger Rpm:Chat:Model."),
        EmbeddingDimensionMismatchException stale =>
            new(CliApp.InputError, "embeddings_changed", stale.Message, "To switch the store to the configured embedding model, run `rpmk reindex`."),
        EmbeddingModelMismatchException otherModel => new(CliApp.InputError, "embeddings_changed", otherModel.Message, ""),
        HttpOperationException http =>
            new(CliApp.RuntimeFailure, "model_http", $"The model call failed{Status(http)}: {http.Message}{ServerText(http)}", HttpHint(http)),
        HttpRequestException http =>
            new(CliApp.RuntimeFailure, "unreachable", $"The model server could not be reached: {http.Message}", "Check Rpm:Chat:Endpoint and your network, then retry."),
        OperationCanceledException =>
            new(CliApp.RuntimeFailure, "timeout", "A model call timed out.", "Retry, or raise Rpm:Chat:Timeout for a slow server."),
        _ => new(CliApp.RuntimeFailure, "unexpected", $"Unexpected failure ({exception.GetType().Name}): {exception.Message}", "Rerun with --verbose for the full trace."),
    };

    /// <summary>Where a "not found" looked, so a user in another folder sees which store was read.</summary>
    private static string LookedIn(CliContext context) => context.Store is { } store
        ? $"Looked in the store {store.Description} ({store.Reason}); set Rpm:Store:Sqlite:Path to read another."
        : "";

    private static string HttpHint(HttpOperationException http) => (int?)http.StatusCode switch
    {
        404 => "Check Rpm:Chat:Endpoint (the base URL, usually ending in /v1) and Rpm:Chat:Model (a model the server has), then retry.",
        401 or 403 => "Check the API key (Rpm:Chat:ApiKey or OPENAI_API_KEY) and that it may use Rpm:Chat:Model.",
        _ => "Check that the server at Rpm:Chat:Endpoint is running and retry.",
    };

    /// <summary>The server's own words from the response body when the message lacks them.</summary>
    private static string ServerText(HttpOperationException http) =>
        ServerErrorText.Of(http) is { } text && !http.Message.Contains(text, StringComparison.Ordinal) ? $" The server said: {Sentence(text)}" : "";

    private static string Status(HttpOperationException http) => http.StatusCode is { } status ? $" (HTTP {(int)status})" : "";

    private static string Sentence(string message) =>
        message.EndsWith('.') || message.EndsWith('!') || message.EndsWith('?') ? message : message + ".";

    internal static string OneLine(string message) =>
        string.Join(' ', message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed record ErrorDocument(string Error, string Code, string Hint);
}
