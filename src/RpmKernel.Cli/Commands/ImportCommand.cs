using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.Storage.Transfer;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk import FILE [--replace]</c>: stores a user written by <c>rpmk export</c>, with no chat-model call.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A file written by `rpmk export`." };
        var replace = new Option<bool>("--replace")
        {
            Description = "Replace what this store already holds about the user for the exported tasks (otherwise the import is refused).",
        };
        var command = new Command("import", "Store a user exported with `rpmk export`: no chat-model calls; the feature texts are embedded again only when the configured embedding model is another one.")
        {
            file, replace,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(file);
            using var runtime = context.OpenRuntime(parseResult);
            using var reader = OpenExport(path);
            var summary = await UserExport.ImportAsync(
                runtime.Storage, reader, new UserImportOptions { Embeddings = runtime.Embeddings, Replace = parseResult.GetValue(replace) }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(summary);
            }
            else
            {
                context.Stdout.WriteLine(TransferText.Describe("Imported", summary));
                context.Stdout.WriteLine(summary.Reembedded == 0
                    ? "The stored embeddings were kept; no model was called."
                    : $"Re-embedded {summary.Reembedded} record(s) with {summary.EmbeddingModel}, the configured embedding model (the file's were built with another); no chat-model calls.");
            }

            return CliApp.Success;
        });
        return command;
    }

    // Only a regular file: a device or FIFO named here would hang or grow without end.
    private static StreamReader OpenExport(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = new FileInfo(target.FullName);
        }

        // Devices and FIFOs report a length of 0, like an empty file: none of them is an export.
        if (!info.Exists || info.Length == 0)
        {
            throw new RpmInputException($"The export file '{path}' does not exist or is not a regular, non-empty file; pass a file written by `rpmk export --user ID > user.jsonl`.");
        }

        try
        {
            return new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RpmInputException($"The export file '{path}' cannot be read ({ex.Message}); check its permissions.", ex);
        }
    }
}
