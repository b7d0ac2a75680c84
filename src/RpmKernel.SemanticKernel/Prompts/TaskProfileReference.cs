using System.Globalization;
using System.Text;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// What a task argument may name: a bundled profile (<c>lamp2</c>) or a <c>.yaml</c>/<c>.yml</c>
/// regular file of at most <see cref="MaxFileBytes"/>. Nothing else is opened, so a device, a FIFO,
/// <c>/dev/stdin</c> or a secret file given as a task can neither hang the process, grow its memory
/// nor have its first line printed inside an error.
/// </summary>
internal static class TaskProfileReference
{
    /// <summary>The largest profile file read; real profiles are a few kilobytes.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>Whether <paramref name="nameOrPath"/> is meant as a file rather than a bundled name.</summary>
    public static bool IsPath(string nameOrPath) =>
        Extensions.Any(e => nameOrPath.EndsWith(e, StringComparison.OrdinalIgnoreCase))
        || nameOrPath.Contains('/', StringComparison.Ordinal)
        || nameOrPath.Contains('\\', StringComparison.Ordinal)
        || nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Whether a bundled name is a plain name (letters, digits, '-', '_'), so it cannot walk out of the tasks folder.</summary>
    public static bool IsBundledName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Reads a profile file after checking its name, type and size; the text is never echoed in errors.</summary>
    /// <exception cref="RpmInputException">The path is not a readable <c>.yaml</c>/<c>.yml</c> regular file under the size limit.</exception>
    public static string ReadFile(string path, IReadOnlyList<string> bundled)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var hint = $"give a bundled task ({string.Join(", ", bundled)}) or the path to a .yaml or .yml profile file under 1 MB";
        if (!Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RpmInputException($"Task '{path}' is neither a bundled task nor a .yaml/.yml file, so it was not opened; {hint}.");
        }

        var info = new FileInfo(Path.GetFullPath(path));
        if (info.LinkTarget is not null)
        {
            // A link's own length is the length of its target's name; what is read is the target.
            info = info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? new FileInfo(target.FullName) : info;
        }

        if (!info.Exists)
        {
            throw new RpmInputException($"Task profile file '{path}' does not exist; {hint}.");
        }

        // Devices, FIFOs and /proc files report a length of 0; a regular profile never does. The
        // length is checked before opening, because opening a FIFO for reading already blocks.
        if (info.Length == 0 || info.Length > MaxFileBytes || (info.Attributes & FileAttributes.Device) != 0)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"Task profile file '{path}' is not a regular file of 1 to {MaxFileBytes} bytes, so it was not read; {hint}."));
        }

        return ReadBounded(path, info.FullName, hint);
    }

    private static string ReadBounded(string path, string fullPath, string hint)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
            var buffer = new byte[MaxFileBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            if (read > MaxFileBytes)
            {
                throw new RpmInputException($"Task profile file '{path}' grew past 1 MB while it was read; {hint}.");
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, read).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new RpmInputException($"Task profile file '{path}' is not UTF-8 text; save it as UTF-8 YAML.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RpmInputException($"Task profile file '{path}' cannot be read ({ex.GetType().Name}); check its permissions.", ex);
        }
    }
}
