using System.CommandLine;
using RpmKernel.Cli.History;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk ingest [--user ID] --task TASK --history FILE [--format jsonl|lamp]</c>: RPM stages 1–5
/// over a user's history, or over every user of a LaMP questions file when <c>--user</c> is left out.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User(required: false, description: "The user id. Required for JSONL; with --format lamp it picks one entry, and without it every entry (user) of the file is ingested.");
        var task = CommandOptions.Task();
        var history = new Option<string>("--history")
        {
            Description = "The history file: JSONL with one {\"id\", \"query\", \"answer\", \"timestamp\"?} per line, or a LaMP questions file with --format lamp.",
            HelpName = "FILE",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl (default) or lamp (a LaMP questions file; --user picks the entry, none means every entry).",
            DefaultValueFactory = _ => HistoryFormat.Jsonl,
        };
        format.AcceptOnlyFromAmong(HistoryFormat.Jsonl, HistoryFormat.Lamp);
        var rebuild = new Option<bool>("--rebuild")
        {
            Description = "Redo every item and ask the model again instead of reusing stored records and cached answers.",
        };

        var usersAtOnce = new Option<int>("--users-at-once")
        {
            Description = $"With --format lamp and no --user: how many users are ingested at the same time (default {MultiUserIngest.DefaultUsersAtOnce}); their model calls together stay within Rpm:Chat:MaxConcurrency.",
            HelpName = "N",
            DefaultValueFactory = _ => MultiUserIngest.DefaultUsersAtOnce,
        };

        var batchApi = new Option<bool>("--batch-api")
        {
            Description = "Send the stage calls through the OpenAI Batch API: half the price, answers within 24 h instead of at once. For large offline imports; a killed run resumes its batches (Rpm:Ingest:BatchApi:*).",
        };

        var command = new Command("ingest", "Build reasoning-enhanced records and user models from a user's history (or every user of a LaMP file).")
        {
            user, task, history, format, rebuild, usersAtOnce, batchApi,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var userId = parseResult.GetValue(user);
            var lamp = parseResult.GetValue(format) == HistoryFormat.Lamp;
            if (userId is null && !lamp)
            {
                throw new RpmInputException("--user is required for a JSONL history (it holds one user); pass --user ID, or use --format lamp to ingest every user of a LaMP file.");
            }

            var taskName = parseResult.GetRequiredValue(task);
            var path = parseResult.GetRequiredValue(history);
            using var runtime = parseResult.GetValue(batchApi)
                ? context.OpenRuntime(parseResult, o => o.Ingest.BatchApi.Enabled = true)
                : context.OpenRuntime(parseResult);
            var profile = runtime.Pipeline.GetTask(taskName);

            // The whole file is read and checked first: a bad line or entry stops the run before anything is stored.
            if (userId is null)
            {
                var users = await LampUsers.ReadAllAsync(path, profile.Name, runtime.Options.Limits, cancellationToken);
                var summary = await MultiUserIngest.RunAsync(context, runtime.Pipeline, taskName, users, parseResult.GetValue(rebuild), context.WantsJson(parseResult),
                    parseResult.GetValue(usersAtOnce), cancellationToken);
                return summary.Failed.Count == 0 ? CliApp.Success : CliApp.RuntimeFailure;
            }

            IReadOnlyList<HistoryItem> items = lamp
                ? await LampUsers.ReadAsync(path, userId, profile.Name, runtime.Options.Limits, cancellationToken)
                : await JsonlHistoryReader.ReadAsync(path, runtime.Options.Limits, cancellationToken);

            // A bar per stage on a terminal; otherwise plain lines on stderr, so stdout keeps the summary (or the one JSON document).
            var json = context.WantsJson(parseResult);
            Task<IngestResult> Ingest(IProgress<IngestProgress> progress) =>
                runtime.Pipeline.IngestAsync(userId, taskName, items, parseResult.GetValue(rebuild), progress, cancellationToken);
            var result = !json && context.StdoutIsTerminal
                ? await IngestProgressBar.RunAsync(Ingest)
                : await IngestProgressLines.RunAsync(context.Stderr, Ingest);

            // Calls cut short by Ctrl+C come back as failed items; report the cancellation, not them.
            cancellationToken.ThrowIfCancellationRequested();
            if (json)
            {
                context.WriteJson(IngestSummary.From(result));
            }
            else
            {
                TextReport.Ingest(context.Stdout, result, taskName, context.ConfigFile);
            }

            return result.Failed.Count == 0 ? CliApp.Success : CliApp.RuntimeFailure;
        });
        return command;
    }
}
