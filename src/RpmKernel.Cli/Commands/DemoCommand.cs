using System.CommandLine;
using RpmKernel.Cli.History;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Core.Errors;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk demo</c>: ingests the sample user shipped in samples/data (a LaMP-2 movie tagger with a
/// taste for dark, dystopian films) and tags one new movie the way that user would.
/// </summary>
internal static class DemoCommand
{
    public const string UserId = "demo";
    public const string Task = "lamp2";

    public const string Query =
        "In a city where every citizen's memories are audited each night, a records clerk finds a gap in her own past "
        + "and starts to suspect the ministry erased her brother.";

    public static string HistoryPath => Path.Combine(AppContext.BaseDirectory, "samples", "data", "demo-user.jsonl");

    public static Command Create(CliContext context)
    {
        var command = new Command("demo", $"Ingest the sample user '{UserId}' ({Task}, movie tags) into the configured store and tag one new movie like them.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!File.Exists(HistoryPath))
            {
                throw new RpmInputException($"The demo history '{HistoryPath}' is missing; reinstall rpmk or build it from the repository (samples/data is copied next to the binary).");
            }

            var json = context.WantsJson(parseResult);
            using var runtime = context.OpenRuntime(parseResult);
            var items = await JsonlHistoryReader.ReadAsync(HistoryPath, runtime.Options.Limits, cancellationToken);
            if (!json)
            {
                context.Stdout.WriteLine($"Ingesting {items.Count} movies tagged by the sample user '{UserId}' (task {Task})...");
            }

            var ingest = await runtime.Pipeline.IngestAsync(UserId, Task, items, cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (ingest.Model is null)
            {
                throw new InvalidOperationException(
                    $"No item of the demo history could be built ({ingest.Failed.Count} failed, first: {(ingest.Failed.Count > 0 ? ingest.Failed[0].Error : "none")}); check the model with --verbose.");
            }

            var answer = await runtime.Pipeline.PersonalizeAsync(UserId, Task, Query, cancellationToken);
            if (json)
            {
                context.WriteJson(new { Ingest = IngestSummary.From(ingest), Query, Personalized = answer });
            }
            else
            {
                TextReport.Ingest(context.Stdout, ingest, ingest.Task, context.ConfigFile);
                context.Stdout.WriteLine();
                context.Stdout.WriteLine($"New movie: {Query}");
                context.Stdout.WriteLine();
                TextReport.Answer(context.Stdout, answer);
            }

            return ingest.Failed.Count == 0 ? CliApp.Success : CliApp.RuntimeFailure;
        });
        return command;
    }
}
