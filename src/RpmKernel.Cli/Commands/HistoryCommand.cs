using System.CommandLine;
using System.Globalization;
using RpmKernel.Cli.Hosting;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk history remove --user ID --task TASK --item ID</c>: deletes one stored item and rebuilds the user model's statistics.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var user = CommandOptions.User();
        var task = CommandOptions.Task();
        var item = new Option<string>("--item") { Description = "The id of the history item to remove, as it was in the history file.", HelpName = "ID", Required = true };
        var remove = new Command(
            "remove",
            "Delete one item's reasoning record; the user model's statistics are recomputed from the items left (no model call), and a factor only that item supported is dropped.")
        {
            user, task, item,
        };
        remove.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var removal = await runtime.Pipeline.RemoveItemAsync(
                parseResult.GetRequiredValue(user), parseResult.GetRequiredValue(task), parseResult.GetRequiredValue(item), cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(removal);
                return CliApp.Success;
            }

            context.Stdout.WriteLine(removal.ItemCount == 0
                ? $"Removed item '{removal.ItemId}' of user '{removal.UserId}' ({removal.Task}); it was the last one, so the user model was deleted too."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Removed item '{removal.ItemId}' of user '{removal.UserId}' ({removal.Task}); the user model now covers {removal.ItemCount} item(s), statistics recomputed."));
            if (removal.ItemCount > 0 && removal.DroppedFactors.Count > 0)
            {
                context.Stdout.WriteLine($"Dropped factor(s) only that item supported: {string.Join(", ", removal.DroppedFactors)}.");
            }

            return CliApp.Success;
        });
        return new Command("history", "Edit a user's stored history.") { remove };
    }
}
