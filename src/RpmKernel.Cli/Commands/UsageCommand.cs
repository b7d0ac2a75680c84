using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk usage [--user ID]</c>: model calls, tokens and estimated cost per user and stage, from the usage ledger.</summary>
internal static class UsageCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User(required: false, description: "Only this user; without it, every user in the ledger.");
        var command = new Command("usage", "Show model calls, tokens and estimated cost per user and stage (prices from Rpm:Pricing; cache hits cost nothing).")
        {
            user,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var userId = parseResult.GetValue(user);
            if (userId is not null && string.IsNullOrWhiteSpace(userId))
            {
                throw new Core.Errors.RpmInputException("--user is empty; pass a user id, or leave --user out for every user.");
            }

            using var runtime = context.OpenRuntime(parseResult);
            var ledger = runtime.Storage.Usage;
            await ledger.EnsureReadyAsync(cancellationToken);
            var rows = await ledger.GetAsync(userId, cancellationToken);
            var report = UsageReport.Create(rows, new CostEstimator(runtime.Options.Pricing));
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(UsageDocument.From(report));
            }
            else
            {
                UsageText.Write(context.Stdout, report, userId);
            }

            return CliApp.Success;
        });
        return command;
    }
}
