using RpmKernel.Core.Errors;

namespace RpmKernel.Cli.History;

/// <summary>Opens history files with an input error (not an I/O stack trace) when they cannot be read.</summary>
internal static class HistoryFiles
{
    public static void ThrowIfMissing(string path)
    {
        if (!File.Exists(path))
        {
            throw new RpmInputException($"The history file '{path}' does not exist; pass an existing file with --history FILE.");
        }
    }

    public static FileStream OpenRead(string path)
    {
        ThrowIfMissing(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RpmInputException($"The history file '{path}' cannot be read ({ex.Message}); check its permissions.", ex);
        }
    }
}
