using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk forget --user ID [--task TASK]</c>: deletes what is stored about a user.</summary>
internal static class ForgetCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = new Option<string?>("--task")
        {
            Description = "Forget only this task (a bundled profile name or a profile YAML path); without it, every task.",
            HelpName = "TASK",
        };
        var command = new Command("forget", "Delete everything stored about a user: reasoning records, user models, cached model responses and usage rows (one task, or all).")
        {
            user, task,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var userId = parseResult.GetRequiredValue(user);
            var taskName = parseResult.GetValue(task);
            using var runtime = context.OpenRuntime(parseResult);
            // A running reindex of the store holds the forget back: stderr says so with the line ingest prints.
            var receipt = await IngestProgressLines.RunAsync(context.Stderr, progress => runtime.Pipeline.ForgetAsync(userId, taskName, progress, cancellationToken));
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(receipt);
            }
            else
            {
                TextReport.Forget(context.Stdout, userId, taskName is null ? null : runtime.Pipeline.GetTaskName(taskName), receipt);
            }

            return CliApp.Success;
        });
        return command;
    }
}
