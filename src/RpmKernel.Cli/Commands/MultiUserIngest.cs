using System.Globalization;
using RpmKernel.Cli.History;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;
using Spectre.Console;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// Ingests every user of a LaMP file, one after another, with a progress bar on a terminal and one
/// plain line per user when the output is redirected. A user that fails is listed and the run goes on;
/// configuration errors and Ctrl+C stop it.
/// </summary>
internal static class MultiUserIngest
{
    public static async Task<IngestSummary> RunAsync(
        CliContext context, RpmPipeline pipeline, string task, IReadOnlyList<LampUser> users, bool rebuild, bool json, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>(users.Count);
        var userFailures = new List<IngestFailure>();

        async Task<string> IngestUserAsync(int index, LampUser user)
        {
            var position = string.Create(CultureInfo.InvariantCulture, $"[{index + 1}/{users.Count}] user {user.UserId}");
            try
            {
                var result = await pipeline.IngestAsync(user.UserId, task, user.Items, rebuild, cancellationToken: cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(result);
                var reused = result.Reused == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {result.Reused} reused");
                var failed = result.Failed.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {result.Failed.Count} failed");
                return string.Create(CultureInfo.InvariantCulture, $"{position} ingested, {result.Items} items{reused}{failed}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not RpmInputException)
            {
                var error = context.Secrets.Redact(ex.Message.ReplaceLineEndings(" "));
                userFailures.Add(new IngestFailure(user.UserId, IngestFailure.WholeUser, "ingest", error));
                return $"{position} failed: {error}";
            }
        }

        if (!json && context.StdoutIsTerminal)
        {
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var bar = progress.AddTask("Ingesting users", maxValue: users.Count);
                for (var i = 0; i < users.Count; i++)
                {
                    bar.Description = Markup.Escape($"user {users[i].UserId}");
                    await IngestUserAsync(i, users[i]);
                    bar.Increment(1);
                }
            });
        }
        else
        {
            for (var i = 0; i < users.Count; i++)
            {
                var line = await IngestUserAsync(i, users[i]);
                if (!json)
                {
                    context.Stdout.WriteLine(line);
                }
            }
        }

        var summary = IngestSummary.From(results, userFailures);
        if (json)
        {
            context.WriteJson(summary);
        }
        else
        {
            TextReport.IngestSummary(context.Stdout, task, summary);
        }

        return summary;
    }
}
