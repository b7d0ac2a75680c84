using System.CommandLine;
using RpmKernel.Cli.History;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk personalize --user ID --task TASK --query TEXT</c>: RPM stages 6–8, an answer reasoned like the user.</summary>
internal static class PersonalizeCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = CommandOptions.Task();
        var query = new Option<string>("--query")
        {
            Description = "The new query to answer the way the user would; - reads it from stdin.",
            HelpName = "TEXT",
        };
        var queryFile = new Option<string?>("--query-file")
        {
            Description = "Read the query from this file instead of --query.",
            HelpName = "FILE",
        };

        var command = new Command("personalize", "Answer a new query the way the user reasons, with the factors and past items behind it.")
        {
            user, task, query, queryFile,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var text = await QueryInput.ReadAsync(
                parseResult.GetValue(query), parseResult.GetValue(queryFile), context.Stdin, runtime.Options.Limits.MaxQueryCharacters, cancellationToken);
            var answer = await runtime.Pipeline.PersonalizeAsync(
                parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task), text, cancellationToken);
            await ModelFamilyWarning.WriteAsync(context, parseResult, runtime, parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task), cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(answer);
            }
            else
            {
                TextReport.Answer(context.Stdout, answer);
            }

            return CliApp.Success;
        });
        return command;
    }
}
