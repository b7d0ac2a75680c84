using System.CommandLine;
using Microsoft.Extensions.Logging;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Reports;
using RpmKernel.Evaluation.Running;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk eval --task TASK --questions FILE [--outputs FILE] [--methods M,...] [--users N] [--seed S] [--out DIR]</c>:
/// runs the baselines and the RPM ladder on a dataset and writes predictions and a report; a rerun into the same folder resumes.
/// <c>--compare</c> / <c>--compare-model</c> run variants on the same users and compare them; <c>--gate</c> exits 3 on a regression.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var task = CommandOptions.Task();
        var questions = new Option<string>("--questions")
        {
            Description = "The data: a LaMP questions file (.json), GlobalOpinionQA global_opinions.csv, or your own JSONL of {\"user\", \"query\", \"answer\"} (.jsonl).",
            HelpName = "FILE",
            Required = true,
        };
        var outputs = new Option<string?>("--outputs") { Description = "The LaMP outputs file with the golds (without it, predictions are not scored).", HelpName = "FILE" };
        var methods = new Option<string?>("--methods") { Description = $"Comma-separated methods (default: all): {string.Join(", ", MethodCatalog.All)}.", HelpName = "M,..." };
        var users = new Option<int?>("--users") { Description = "Evaluate a seeded sample of N users (default: every user).", HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the user sample and of the GlobalOpinionQA/JSONL split.", HelpName = "S", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The output folder; rerun into it to resume.", HelpName = "DIR", DefaultValueFactory = _ => "eval-out" };
        var concurrency = new Option<int>("--concurrency") { Description = "Users evaluated at once.", HelpName = "N", DefaultValueFactory = _ => 4 };
        var comparison = new EvalComparisonOptions();
        var ingestModel = new Option<string?>("--ingest-model") { Description = "The model that builds each user's memory (stages extract-features, cluster-factors, construct-reasoning); sets Rpm:Chat:IngestModel.", HelpName = "MODEL" };
        var serveModel = new Option<string?>("--serve-model") { Description = "The model that answers the queries (extract-target-features, generate and the baselines); sets Rpm:Chat:ServeModel.", HelpName = "MODEL" };
        var command = new Command("eval", "Evaluate RPM, its ablations and the baselines on LaMP, GlobalOpinionQA or your own data; compare prompt versions or models; gate a change.")
        {
            task, questions, outputs, methods, users, seed, output, concurrency, ingestModel, serveModel,
        };
        foreach (var option in comparison.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = RpmCliHost.LoadOptions(context, parseResult);
            options.Chat.IngestModel = StageModelOption.Value(parseResult.GetValue(ingestModel), "--ingest-model") ?? options.Chat.IngestModel;
            options.Chat.ServeModel = StageModelOption.Value(parseResult.GetValue(serveModel), "--serve-model") ?? options.Chat.ServeModel;
            var eval = new EvalOptions
            {
                Task = parseResult.GetRequiredValue(task),
                Questions = parseResult.GetRequiredValue(questions),
                Outputs = parseResult.GetValue(outputs),
                Methods = parseResult.GetValue(methods) is { } named ? named.Split(',') : MethodCatalog.All,
                Users = parseResult.GetValue(users),
                Seed = parseResult.GetValue(seed),
                OutputDirectory = parseResult.GetRequiredValue(output),
                Concurrency = parseResult.GetValue(concurrency),
            };
            eval = comparison.Apply(parseResult, eval, parseResult.GetValue(methods) is not null, options);
            using var embeddings = CliEmbeddings.For(options);
            using var loggerFactory = parseResult.GetValue(context.Globals.Verbose)
                ? new CliLoggerFactory(context.Stderr, context.Secrets, LogLevel.Information)
                : null;
            Task<EvalReport> Run(IProgress<EvalProgress> progress) => EvalRunner.RunAsync(options, eval, progress, loggerFactory, embeddings, cancellationToken);

            // A bar on an interactive terminal (unless --verbose logs share it); plain lines when redirected.
            var report = EvalProgressBar.IsAvailable(context) && loggerFactory is null
                ? await EvalProgressBar.RunAsync(Run)
                : await EvalProgressLines.RunAsync(context.Stderr, Run);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(report);
            }
            else
            {
                context.Stdout.Write(ReportWriter.Markdown(report));
                context.Stdout.WriteLine($"Written to {Path.GetFullPath(eval.OutputDirectory)}: {(report.Variants is null ? "predictions/" : "variants/, ingest/")}, report.md, report.json, chart.png{(report.Comparison is null ? "" : ", comparison.png")}.");
            }

            var failed = report.Methods.Where(m => m.Failed > 0).ToList();
            if (failed.Count == 0)
            {
                return EvalGateOutcome.ExitCode(report, context);
            }

            context.Stderr.WriteLine("error: " + context.Secrets.Redact(
                $"{failed.Sum(m => m.Failed)} prediction(s) failed ({string.Join(", ", failed.Select(m => $"{m.Method}: {m.Failed}"))}); first: {failed[0].FirstError ?? "see report.md"}. Rerun the same command to retry only those.".ReplaceLineEndings(" ")));
            return CliApp.RuntimeFailure;
        });
        return command;
    }
}
