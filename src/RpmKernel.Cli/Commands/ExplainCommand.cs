using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk explain --user ID --task TASK</c>: the user model — factors, statistics and provenance.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = CommandOptions.Task();
        var command = new Command("explain", "Show a user's factors and their statistics for a task." + Environment.NewLine + StatisticsLegend.Text)
        {
            user, task,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var model = await runtime.Pipeline.ExplainAsync(parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task), cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(model);
            }
            else
            {
                TextReport.Model(context.Stdout, model, runtime.StageModels);
                StatisticsLegend.Write(context.Stdout);
            }

            return CliApp.Success;
        });
        return command;
    }
}
