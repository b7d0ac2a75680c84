using System.CommandLine;
using System.Globalization;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk users [--task TASK]</c>: who is stored, with item counts, chat model, prompt versions and build time.</summary>
internal static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Option<string?>("--task")
        {
            Description = "Only users of this task (a bundled profile name or a profile YAML path); without it, every task.",
            HelpName = "TASK",
        };
        var command = new Command("users", "List the stored users: per user and task, the item count, the chat model, the prompt versions and when the model was built.")
        {
            task,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var taskName = parseResult.GetValue(task) is { } given ? runtime.Pipeline.GetTaskName(given) : null;
            await runtime.Storage.EnsureReadyAsync(cancellationToken);
            var models = await runtime.Storage.ListUserModelsAsync(taskName, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new { users = models.Select(m => new { m.UserId, m.Task, m.ItemCount, m.Model, m.PromptVersions, m.BuiltAt }) });
                return CliApp.Success;
            }

            Write(context.Stdout, models, taskName);
            WriteTasksByPath(context.Stdout, models, runtime);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>A task ingested from a profile file is listed by its name, which other commands do not know: say what to pass instead.</summary>
    private static void WriteTasksByPath(TextWriter output, IReadOnlyList<UserModel> models, SemanticKernel.Hosting.RpmRuntime runtime)
    {
        foreach (var task in models.Select(m => m.Task).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            try
            {
                _ = runtime.Pipeline.GetTask(task);
            }
            catch (RpmInputException)
            {
                output.WriteLine($"Task '{task}' was ingested from a profile file: pass that file's path as --task (as at ingest), or put it in Rpm:Prompts:Directory as tasks/{task}.yaml to use the name.");
            }
        }
    }

    private static void Write(TextWriter output, IReadOnlyList<UserModel> models, string? task)
    {
        if (models.Count == 0)
        {
            output.WriteLine(task is null ? "No users are stored yet; add one with `rpmk ingest`." : $"No users are stored for task '{task}'.");
            return;
        }

        var rows = models.Select(m => new[]
        {
            m.UserId,
            m.Task,
            m.ItemCount.ToString(CultureInfo.InvariantCulture),
            m.Model,
            string.Join(", ", m.PromptVersions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")),
            m.BuiltAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        }).ToList();
        string[] header = ["user", "task", "items", "model", "prompts", "built"];
        var widths = header.Select((h, i) => rows.Max(r => r[i].Length) is var w && w > h.Length ? w : h.Length).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        var users = models.Select(m => m.UserId).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{users} user(s), {models.Count} user model(s)."));
    }
}
