using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RpmKernel.Core.Errors;

namespace RpmKernel.Cli.History;

/// <summary>
/// Reads the lines of a history file by bytes: a line longer than the limit, a file larger than the
/// limit or bytes that are not UTF-8 are refused, naming the line, before the text is decoded, so
/// <c>/dev/zero</c> or a 300 MB line costs one buffer, not gigabytes.
/// </summary>
internal static class BoundedLineReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of <paramref name="stream"/> with their 1-based numbers; a trailing CR is dropped.</summary>
    public static async IAsyncEnumerable<(int Number, string Text)> ReadAsync(
        Stream stream, string path, int maxLineBytes, long maxFileBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        var line = new MemoryStream();
        var number = 1;
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxFileBytes)
            {
                throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                    $"History file '{path}' is larger than {maxFileBytes} bytes (Rpm:Limits:MaxHistoryFileBytes); split it or raise the limit. Nothing was stored."));
            }

            var start = 0;
            for (var newline = Array.IndexOf(chunk, (byte)'\n', 0, read); newline >= 0; newline = Array.IndexOf(chunk, (byte)'\n', start, read - start))
            {
                Append(line, chunk, start, newline - start, path, number, maxLineBytes);
                yield return (number, Decode(line, path, number));
                line.SetLength(0);
                number++;
                start = newline + 1;
            }

            Append(line, chunk, start, read - start, path, number, maxLineBytes);
        }

        if (line.Length > 0)
        {
            yield return (number, Decode(line, path, number));
        }
    }

    private static void Append(MemoryStream line, byte[] chunk, int start, int count, string path, int number, int maxLineBytes)
    {
        if (line.Length + count > maxLineBytes)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"History file '{path}', line {number}: longer than {maxLineBytes} bytes (Rpm:Limits:MaxHistoryLineBytes); shorten the item or raise the limit. Nothing was stored."));
        }

        line.Write(chunk, start, count);
    }

    private static string Decode(MemoryStream line, string path, int number)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (number == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"History file '{path}', line {number}: not valid UTF-8 (byte {ex.Index + 1} of the line); save the file as UTF-8. Nothing was stored."), ex);
        }
    }
}
