using System.CommandLine;
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
            Description = "The new query to answer the way the user would.",
            HelpName = "TEXT",
            Required = true,
        };

        var command = new Command("personalize", "Answer a new query the way the user reasons, with the factors and past items behind it.")
        {
            user, task, query,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var answer = await runtime.Pipeline.PersonalizeAsync(
                parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task), parseResult.GetRequiredValue(query), cancellationToken);
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
