using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Storage.Transfer;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk export --user ID [--task TASK] &gt; user.jsonl</c>: everything stored about a user, in the versioned export format, on stdout.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = new Option<string?>("--task")
        {
            Description = "Export only this task (a bundled profile name or a profile YAML path); without it, every task of the user.",
            HelpName = "TASK",
        };
        var command = new Command(
            "export",
            $"Write everything stored about a user (records with their embeddings, user models, usage rows) to stdout as JSONL ({UserExport.FormatName} version {UserExport.FormatVersion}); move it with `rpmk import`.")
        {
            user, task,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var taskName = parseResult.GetValue(task) is { } given ? runtime.Pipeline.GetTaskName(given) : null;
            await runtime.Storage.EnsureReadyAsync(cancellationToken);
            var summary = await UserExport.ExportAsync(runtime.Storage, parseResult.GetRequiredValue(user), taskName, context.Stdout, cancellationToken);

            // Stdout is the export itself; the receipt goes to stderr.
            context.Stderr.WriteLine(TransferText.Describe("Exported", summary));
            return CliApp.Success;
        });
        return command;
    }
}
