using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Core.Scopes;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk add --user ID --task TASK --query TEXT --answer TEXT [--id ID]</c>: learns one new interaction
/// (features and reasoning path, statistics, re-clustering only when its labels are new).
/// </summary>
internal static class AddCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = CommandOptions.Task();
        var query = new Option<string>("--query")
        {
            Description = "The query the user answered.",
            HelpName = "TEXT",
            Required = true,
        };
        var answer = new Option<string>("--answer")
        {
            Description = "The user's answer; the task must accept it (for lamp2, one of its tags).",
            HelpName = "TEXT",
            Required = true,
        };
        var id = new Option<string?>("--id")
        {
            Description = "The item's id; without it one is derived from the query and answer, so adding the same pair twice stores it once.",
            HelpName = "ID",
        };

        var command = new Command("add", "Learn one new (query, answer) interaction of a user without re-ingesting the history.")
        {
            user, task, query, answer, id,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var scope = new RpmScope(parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task));
            var result = await runtime.Pipeline.ObserveAsync(
                scope, parseResult.GetRequiredValue(query), parseResult.GetRequiredValue(answer), parseResult.GetValue(id), cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(AddSummary.From(result));
            }
            else
            {
                AddText.Write(context.Stdout, result, scope.Task, context.ConfigFile);
            }

            return CliApp.Success;
        });
        return command;
    }
}
