using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Comparing;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Gates;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Reports;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// Runs an evaluation: samples users, evaluates them with bounded concurrency, and writes per method
/// an official-format predictions file, then <c>report.json</c>, <c>report.md</c> and <c>chart.png</c>.
/// Everything lands in the output folder, including the RPM store the users are ingested into, so a
/// rerun into the same folder resumes: predictions and ingests already written are skipped.
/// </summary>
public static class EvalRunner
{
    /// <summary>
    /// Runs the evaluation with RPM configured by <paramref name="rpmOptions"/> (its store is replaced by
    /// one in the output folder); <paramref name="embeddings"/>, when given, embeds the feature texts
    /// instead of <c>Rpm:Embeddings</c> (the caller keeps it).
    /// </summary>
    public static async Task<EvalReport> RunAsync(
        RpmOptions rpmOptions,
        EvalOptions options,
        IProgress<EvalProgress>? progress = null,
        ILoggerFactory? loggerFactory = null,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpmOptions);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Users is <= 0)
        {
            throw new RpmInputException("--users must be at least 1 (or left out to evaluate every user).");
        }

        if (options.Resamples < 1)
        {
            throw new RpmInputException($"--resamples must be at least 1 (it is {options.Resamples}); 10000 is the default.");
        }

        if (options.Compare.Count > 0 || options.CompareModels.Count > 0)
        {
            return await CompareRunner.RunAsync(rpmOptions, options, progress, loggerFactory, embeddings, cancellationToken).ConfigureAwait(false);
        }

        RegressionGate.Validate(options);
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        RunManifest.Of(options, rpmOptions.Chat).Claim(output);
        var phases = new PhaseReporter(progress);
        var run = await RunVariantAsync(rpmOptions, options, new RunLayout(output, output), phases, loggerFactory, embeddings, cancellationToken).ConfigureAwait(false);
        var report = options.Gate is null ? run.Report
            : run.Report with { Gate = await RegressionGate.CheckAsync(run, options, phases.IsListened ? phases.Phase : null, cancellationToken).ConfigureAwait(false) };
        if (options.Gate is not null)
        {
            phases.Completed();
        }

        await ReportWriter.WriteAsync(report, output, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Runs one configuration into <paramref name="layout"/> and builds its report (not written).</summary>
    internal static async Task<VariantRun> RunVariantAsync(
        RpmOptions rpmOptions,
        EvalOptions options,
        RunLayout layout,
        IProgress<EvalProgress>? progress,
        ILoggerFactory? loggerFactory,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings,
        CancellationToken cancellationToken)
    {
        // Built first so a bad Rpm:Pricing entry stops the run before any model call.
        var costs = new CostEstimator(rpmOptions.Pricing);
        var predictionsFolder = Path.Combine(layout.Report, "predictions");
        Directory.CreateDirectory(predictionsFolder);
        Directory.CreateDirectory(layout.Store);
        rpmOptions.Store.Provider = StoreProvider.Sqlite;
        rpmOptions.Store.Sqlite.Path = Path.Combine(layout.Store, "rpm.db");

        using var runtime = RpmRuntime.Create(rpmOptions, new RpmHostServices { LoggerFactory = loggerFactory, Embeddings = embeddings });
        var task = runtime.Prompts.GetTask(options.Task);
        var services = new EvalServices(runtime, options.Task, options.TopK ?? rpmOptions.Retrieval.TopK);
        var methods = MethodCatalog.Create(options.Methods, services, options.BaselineVersions);
        await runtime.Storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        var journals = methods.ToDictionary(m => m.Name, m => Journal.OfPredictions(Path.Combine(predictionsFolder, m.Name + ".jsonl")), StringComparer.Ordinal);
        using var ingests = Journal.OfIngests(Path.Combine(layout.Store, "ingest.jsonl"));
        try
        {
            var evaluator = new UserEvaluator(services, task, methods, journals, ingests);
            var users = EvalDataset.ReadAsync(options.Task, options.Questions, options.Outputs, options.Seed, cancellationToken);
            IAsyncEnumerable<(long Index, EvalUser User)> work = Indexed(users);
            int? total = null;
            if (options.Users is { } wanted)
            {
                var sample = await UserSample.TakeAsync(Indexed(users), wanted, options.Seed, cancellationToken).ConfigureAwait(false);
                total = sample.Count;
                work = sample.ToAsyncEnumerable();
            }
            else if (progress is not null)
            {
                // Counted first, so the progress has a total (a percentage and a time left) from the first user on.
                progress.Report(new EvalProgress(0, null, 0, 0, 0) { Activity = "counting the users of " + Path.GetFileName(options.Questions) });
                (total, work) = await UserCount.CountAsync(options, work, cancellationToken).ConfigureAwait(false);
            }

            var done = new ConcurrentBag<EvaluatedUser>();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken };
            var tracker = new EvalProgressTracker(progress, total, evaluator);
            await Parallel.ForEachAsync(work, parallel, async (item, ct) =>
            {
                await evaluator.EvaluateAsync(item.User, tracker.For(item.User.Id), ct).ConfigureAwait(false);

                // Counted and reported under the tracker's lock, so reports never go backwards and the last one holds the totals.
                tracker.Finished(item.User.Id, () => done.Add(new EvaluatedUser(item.Index, item.User.Id, item.User.Targets.Select(t => (t.Id, t.Gold)).ToList())));
            }).ConfigureAwait(false);

            if (done.IsEmpty)
            {
                throw new RpmInputException($"'{options.Questions}' holds no user with a target query to evaluate.");
            }

            var ordered = done.OrderBy(u => u.Index).ToList();
            var context = new ReportContext(task, options, rpmOptions.Chat.Model, costs, services.TopK, layout.Report,
                ordered, journals, ingests, evaluator.Errors)
            {
                IngestModel = runtime.Invoker.Models.ModelId(RpmStage.ConstructReasoning),
                ServeModel = runtime.Invoker.Models.ModelId(RpmStage.Generate),
            };
            var report = await ReportBuilder.BuildAsync(context, methods, tracker.Phase, cancellationToken).ConfigureAwait(false);
            tracker.Completed();
            var outputs = journals.ToDictionary(
                j => j.Key,
                j => (IReadOnlyDictionary<string, string>)j.Value.Lines.ToDictionary(l => l.Key, l => l.Value.Output ?? "", StringComparer.Ordinal),
                StringComparer.Ordinal);
            return new VariantRun(report, task, ordered, outputs);
        }
        finally
        {
            foreach (var journal in journals.Values)
            {
                journal.Dispose();
            }
        }
    }

    private static async IAsyncEnumerable<(long Index, EvalUser User)> Indexed(IAsyncEnumerable<EvalUser> users)
    {
        long index = 0;
        await foreach (var user in users.ConfigureAwait(false))
        {
            yield return (index++, user);
        }
    }
}
