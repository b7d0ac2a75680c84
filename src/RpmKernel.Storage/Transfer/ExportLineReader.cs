using System.Globalization;
using System.Text;
using RpmKernel.Core.Errors;

namespace RpmKernel.Storage.Transfer;

/// <summary>Reads an export line by line, refusing a line longer than the limit before it grows in memory.</summary>
internal sealed class ExportLineReader(TextReader reader, int maxLineCharacters)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private int _start;
    private int _end;

    public int LineNumber { get; private set; }

    /// <summary>The next line without its line break, or null at the end.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return line.Length == 0 ? null : Finish(line);
                }
            }

            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (line.Length + (stop - _start) > maxLineCharacters)
            {
                throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                    $"Line {LineNumber + 1} of the export is longer than {maxLineCharacters} characters; this is not an RpmKernel user export, or it was damaged. Export the user again."));
            }

            line.Append(_buffer, _start, stop - _start);
            _start = stop;
            if (newline >= 0)
            {
                _start++;
                return Finish(line);
            }
        }
    }

    private string Finish(StringBuilder line)
    {
        LineNumber++;
        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        return line.ToString();
    }
}
