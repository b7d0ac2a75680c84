using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Settings;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk config</c>: the effective settings with their source, secrets masked, the store and the prompt directory.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("config", "Show the effective settings, where each comes from (default, file, environment), the store and the prompt directory; secrets are masked.");
        command.SetAction(parseResult =>
        {
            var options = RpmCliHost.LoadOptions(context, parseResult);
            var rows = EffectiveSettings.Rows(context.Configuration!, options, context.Store!, context.GetEnvironmentVariable);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new { Settings = rows, Store = new { Path = context.Store!.Description, context.Store.Reason }, PromptDirectory = options.Prompts.Directory });
                return CliApp.Success;
            }

            var keyWidth = rows.Max(r => r.Key.Length);
            var valueWidth = Math.Min(60, rows.Max(r => (r.Value ?? "(none)").Length));
            context.Stdout.WriteLine($"{"KEY".PadRight(keyWidth)}  {"VALUE".PadRight(valueWidth)}  SOURCE");
            foreach (var row in rows)
            {
                context.Stdout.WriteLine($"{row.Key.PadRight(keyWidth)}  {(row.Value ?? "(none)").PadRight(valueWidth)}  {row.Source}");
            }

            return CliApp.Success;
        });
        return command;
    }
}
