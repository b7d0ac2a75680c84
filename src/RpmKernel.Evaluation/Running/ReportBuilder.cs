using System.Globalization;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Metrics;
using RpmKernel.Evaluation.Reports;

namespace RpmKernel.Evaluation.Running;

/// <summary>Turns the journals of a run into the official-format files and the report rows.</summary>
internal static class ReportBuilder
{
    /// <summary>Builds the report rows; <paramref name="phase"/> hears each method as it is scored, with the share of the methods scored before it.</summary>
    public static async Task<EvalReport> BuildAsync(ReportContext run, IReadOnlyList<EvalMethod> methods, Action<string, double> phase, CancellationToken cancellationToken)
    {
        var targets = run.Users.SelectMany(u => u.Targets).ToList();
        var officialTask = OfficialOutputsFile.OfficialTaskName(run.Task.Name);
        var golds = targets.All(t => t.Gold is not null) ? targets.Select(t => t.Gold!).ToList() : null;
        if (golds is not null)
        {
            await OfficialOutputsFile.WriteAsync(Path.Combine(run.OutputDirectory, "golds.json"),
                new OfficialOutputs(officialTask, targets.Select(t => new OfficialOutput(t.Id, t.Gold!)).ToList()), cancellationToken).ConfigureAwait(false);
        }

        // Preprocessing is priced at the model that built the memories, queries at the one that answered them.
        var (ingestModel, serveModel) = (run.IngestModel ?? run.Model, run.ServeModel ?? run.Model);
        var price = run.Costs.PriceOf(serveModel);
        var preprocessing = Preprocessing(run);
        var perUser = Average(run, ingestModel, preprocessing.InputTokens, preprocessing.OutputTokens, preprocessing.Users);
        var rows = new List<MethodRow>();
        foreach (var (method, index) in methods.Select((m, i) => (m, i)))
        {
            phase(string.Create(CultureInfo.InvariantCulture, $"{EvalProgressTracker.ScoringActivity} {method.Name} ({index + 1}/{methods.Count})"), (double)index / methods.Count);
            var journal = run.Predictions[method.Name].Lines;
            var lines = targets.Select(t => journal.GetValueOrDefault(t.Id)).ToList();
            var answered = lines.OfType<JournalLine>().ToList();
            var outputs = lines.Select(l => l?.Output ?? "").ToList();
            var file = Path.Combine(run.OutputDirectory, "predictions", method.Name + ".json");
            await OfficialOutputsFile.WriteAsync(file,
                new OfficialOutputs(officialTask, targets.Select((t, i) => new OfficialOutput(t.Id, outputs[i])).ToList()), cancellationToken).ConfigureAwait(false);
            var input = answered.Sum(l => l.InputTokens);
            var output = answered.Sum(l => l.OutputTokens);
            rows.Add(new MethodRow
            {
                Method = method.Name,
                Prompts = method.Prompts,
                Predictions = answered.Count,
                Failed = targets.Count - answered.Count,
                FirstError = run.Errors.TryGetValue(method.Name, out var errors) && errors.TryPeek(out var first) ? first : null,
                Metrics = golds is null ? new Dictionary<string, double>()
                    : TaskMetrics.Compute(run.Task, golds, outputs).ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal),
                Calls = answered.Sum(l => l.Calls),
                InputTokens = input,
                OutputTokens = output,
                CostPerUserUsd = method.NeedsIngest ? perUser : price is null ? null : 0,
                CostPerQueryUsd = Average(run, serveModel, input, output, answered.Count),
                PredictionsFile = Path.GetRelativePath(run.OutputDirectory, file),
            });
        }

        return new EvalReport
        {
            Task = run.Task.Name,
            Questions = run.Options.Questions,
            Model = ingestModel == serveModel ? serveModel : $"{ingestModel} (ingest), {serveModel} (serve)",
            IngestModel = ingestModel,
            ServeModel = serveModel,
            IngestPrice = run.Costs.PriceOf(ingestModel),
            Seed = run.Options.Seed,
            TopK = run.TopK,
            Users = run.Users.Count,
            Queries = targets.Count,
            MetricNames = golds is null ? [] : TaskMetrics.Names(run.Task),
            Methods = rows,
            Preprocessing = preprocessing,
            Price = price,
        };
    }

    /// <summary>The estimated cost of the tokens on <paramref name="model"/> spread over <paramref name="count"/> users or queries; null when the model has no price.</summary>
    private static double? Average(ReportContext run, string model, long inputTokens, long outputTokens, int count) =>
        run.Costs.Estimate(model, inputTokens, outputTokens) is { } total ? count == 0 ? 0 : (double)total / count : null;

    private static PreprocessingUsage Preprocessing(ReportContext run)
    {
        var lines = run.Users.Select(u => run.Ingests.Lines.GetValueOrDefault(u.Id)).OfType<JournalLine>().ToList();
        return new PreprocessingUsage(lines.Count, lines.Sum(l => (long)l.Items), lines.Sum(l => (long)l.FailedItems),
            lines.Sum(l => l.Calls), lines.Sum(l => l.InputTokens), lines.Sum(l => l.OutputTokens));
    }
}
