using System.Text;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>Reads RFC 4180 CSV records (quoted fields may hold commas, doubled quotes and line breaks), each with the line it starts on.</summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _path;
    private int _line = 1;

    public CsvRecordReader(TextReader reader, string path)
    {
        _reader = reader;
        _path = path;
    }

    /// <summary>The next record and its first line number, or null at the end of the file.</summary>
    public (List<string> Fields, int Line)? Next()
    {
        if (_reader.Peek() < 0)
        {
            return null;
        }

        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = _reader.Read();
            if (quoted)
            {
                if (c < 0)
                {
                    throw new RpmInputException($"CSV file '{_path}': the quoted field that starts on line {start} is never closed; close it with a double quote.");
                }

                if (c == '"' && _reader.Peek() == '"')
                {
                    _reader.Read();
                    field.Append('"');
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    _line += c == '\n' ? 1 : 0;
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when _reader.Peek() == '\n':
                    break;
                case '\n' or -1:
                    _line++;
                    fields.Add(field.ToString());
                    return (fields, start);
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}
