using System.Globalization;
using RpmKernel.Cli.History;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;
using Spectre.Console;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// Ingests every user of a LaMP file, up to <c>--users-at-once</c> users at a time (their model calls
/// together stay within <c>Rpm:Chat:MaxConcurrency</c>), with one overall bar on a terminal and one plain
/// line per user as it finishes when the output is redirected. A user that fails is listed and the run
/// goes on; configuration errors and Ctrl+C stop it.
/// </summary>
internal static class MultiUserIngest
{
    /// <summary>Users ingested at once when <c>--users-at-once</c> is not given.</summary>
    public const int DefaultUsersAtOnce = 4;

    public static async Task<IngestSummary> RunAsync(
        CliContext context, RpmPipeline pipeline, string task, IReadOnlyList<LampUser> users, bool rebuild, bool json, int usersAtOnce, CancellationToken cancellationToken)
    {
        if (usersAtOnce < 1)
        {
            throw new RpmInputException($"--users-at-once must be at least 1 (it is {usersAtOnce}); it bounds how many users are ingested at the same time (default {DefaultUsersAtOnce}).");
        }

        // Kept in file order, whatever order the users finish in, so the summary and its failure list read the same every run.
        var results = new IngestResult?[users.Count];
        var userFailures = new IngestFailure?[users.Count];

        async Task<string> IngestUserAsync(int index, IProgress<IngestProgress>? progress, CancellationToken ct)
        {
            var user = users[index];
            try
            {
                var result = await pipeline.IngestAsync(user.UserId, task, user.Items, rebuild, progress, ct);
                ct.ThrowIfCancellationRequested();
                results[index] = result;
                var reused = result.Reused == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {result.Reused} reused");
                var failed = result.Failed.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {result.Failed.Count} failed");
                return string.Create(CultureInfo.InvariantCulture, $"user {user.UserId} ingested, {result.Items} items{reused}{failed}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not RpmInputException)
            {
                var error = context.Secrets.Redact(ex.Message.ReplaceLineEndings(" "));
                userFailures[index] = new IngestFailure(user.UserId, IngestFailure.WholeUser, "ingest", error);
                return $"user {user.UserId} failed: {error}";
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = usersAtOnce, CancellationToken = cancellationToken };
        if (!json && context.StdoutIsTerminal)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var bar = new UsersBar(progress.AddTask("Ingesting users", maxValue: users.Count), users.Count);
                    await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), parallel, async (i, ct) =>
                    {
                        await IngestUserAsync(i, bar.For(users[i].UserId), ct);
                        bar.Finished(users[i].UserId);
                    });
                });
        }
        else
        {
            // Numbered in the order users finish, under one lock, so the numbers on stdout always count up.
            var writing = new Lock();
            var finished = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), parallel, async (i, ct) =>
            {
                var line = await IngestUserAsync(i, progress: null, ct);
                lock (writing)
                {
                    finished++;
                    if (!json)
                    {
                        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{finished}/{users.Count}] {line}"));
                    }
                }
            });
        }

        var summary = IngestSummary.From([.. results.OfType<IngestResult>()], [.. userFailures.OfType<IngestFailure>()]);
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
