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

    /// <summary>Refuses a path that is not an existing regular file, naming the option it came from.</summary>
    public static void ThrowIfMissingFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new RpmInputException($"The file '{path}' given with {option} does not exist; pass an existing file.");
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
