using System.CommandLine;
using Rpm.Cli.History;
using Rpm.Cli.Hosting;
using Rpm.Cli.Output;
using Rpm.Core.History;

namespace Rpm.Cli.Commands;

/// <summary><c>rpm ingest --user ID --task TASK --history FILE [--format jsonl|lamp]</c>: RPM stages 1–5 over a user's history.</summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = CommandOptions.Task();
        var history = new Option<string>("--history")
        {
            Description = "The history file: JSONL with one {\"id\", \"query\", \"answer\", \"timestamp\"?} per line, or a LaMP questions file with --format lamp.",
            HelpName = "FILE",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl (default) or lamp (a LaMP questions file; --user picks the entry).",
            DefaultValueFactory = _ => HistoryFormat.Jsonl,
        };
        format.AcceptOnlyFromAmong(HistoryFormat.Jsonl, HistoryFormat.Lamp);
        var rebuild = new Option<bool>("--rebuild")
        {
            Description = "Redo every item and ask the model again instead of reusing stored records and cached answers.",
        };

        var command = new Command("ingest", "Build a user's reasoning-enhanced records and user model from their history.")
        {
            user, task, history, format, rebuild,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var userId = parseResult.GetRequiredValue(user);
            var taskName = parseResult.GetRequiredValue(task);
            using var runtime = context.OpenRuntime(parseResult);
            var profile = runtime.Pipeline.GetTask(taskName);

            // The whole file is read and checked first: a bad line stops the run before anything is stored.
            IReadOnlyList<HistoryItem> items = parseResult.GetValue(format) == HistoryFormat.Lamp
                ? await LampHistoryReader.ReadAsync(parseResult.GetRequiredValue(history), userId, profile.Name, cancellationToken)
                : await JsonlHistoryReader.ReadAsync(parseResult.GetRequiredValue(history), cancellationToken);

            var result = await runtime.Pipeline.IngestAsync(userId, taskName, items, parseResult.GetValue(rebuild), cancellationToken);

            // Calls cut short by Ctrl+C come back as failed items; report the cancellation, not them.
            cancellationToken.ThrowIfCancellationRequested();
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(IngestSummary.From(result));
            }
            else
            {
                TextReport.Ingest(context.Stdout, result);
            }

            return result.Failed.Count == 0 ? CliApp.Success : CliApp.RuntimeFailure;
        });
        return command;
    }
}
