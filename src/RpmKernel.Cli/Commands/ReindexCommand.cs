using System.CommandLine;
using System.Globalization;
using RpmKernel.Cli.Hosting;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk reindex [--user ID]</c>: re-embeds stored feature texts with the configured embedding model, no chat calls.</summary>
internal static class ReindexCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User(required: false, description: "Only this user (not allowed when the embedding dimension changes); without it, every user.");
        var command = new Command("reindex", "Re-embed stored feature texts with the configured embedding model (no chat-model calls); rebuilds the store for a new dimension.")
        {
            user,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var userId = parseResult.GetValue(user);
            using var runtime = context.OpenRuntime(parseResult);
            var result = await runtime.Pipeline.ReindexAsync(userId, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(result);
                return CliApp.Success;
            }

            var scope = userId is null ? "" : $" of user '{userId}'";
            context.Stdout.WriteLine(result.Records == 0
                ? $"Nothing to reindex: no records{scope} are stored."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Re-embedded {result.Records} records of {result.Users} user(s) with {(result.EmbeddingModel.Length > 0 ? result.EmbeddingModel : "the configured embedding model")} ({result.Dimensions} dimensions); no chat-model calls."));
            if (result.Rebuilt)
            {
                var before = string.Join("/", result.PreviousDimensions.Select(d => d == 0 ? "unrecorded" : d.ToString(CultureInfo.InvariantCulture)));
                context.Stdout.WriteLine($"The reasoning collection was rebuilt: its vectors had {before} dimensions.");
            }

            return CliApp.Success;
        });
        return command;
    }
}
