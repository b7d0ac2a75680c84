using System.CommandLine;
using System.Globalization;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Metrics;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk score --task TASK --golds FILE --predictions FILE</c>: the official metrics of a predictions file; needs no model.</summary>
internal static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var task = CommandOptions.Task();
        var golds = new Option<string>("--golds") { Description = "The golds in the official format {\"task\", \"golds\": [{\"id\", \"output\"}]}.", HelpName = "FILE", Required = true };
        var predictions = new Option<string>("--predictions") { Description = "The predictions in the same format, for exactly the same ids.", HelpName = "FILE", Required = true };
        var command = new Command("score", "Score official-format predictions against golds with the official LaMP / GlobalOpinionQA metrics.")
        {
            task, golds, predictions,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = RpmCliHost.LoadOptions(context, parseResult);
            var profile = PromptLibrary.Load(options.Prompts).GetTask(parseResult.GetRequiredValue(task));
            var gold = await OfficialOutputsFile.ReadAsync(parseResult.GetRequiredValue(golds), cancellationToken);
            var predicted = await OfficialOutputsFile.ReadAsync(parseResult.GetRequiredValue(predictions), cancellationToken);
            var expected = OfficialOutputsFile.OfficialTaskName(profile.Name);
            if (gold.Task.Length > 0 && !string.Equals(gold.Task, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new RpmInputException($"The golds file is for task '{gold.Task}', but --task is {profile.Name} ('{expected}'); pass the task the golds belong to.");
            }

            var result = OutputsScorer.Score(profile, gold, predicted);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new
                {
                    result.Task,
                    result.Examples,
                    Metrics = result.Metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal),
                });
            }
            else
            {
                context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Task}: {result.Examples} examples; {string.Join(", ", result.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value:0.0000}")))}"));
            }

            return CliApp.Success;
        });
        return command;
    }
}
