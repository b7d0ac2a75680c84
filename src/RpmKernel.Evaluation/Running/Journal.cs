using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// An append-only JSONL file of finished work (predictions of one method, or ingested users), read
/// back on a rerun so finished work is skipped. Each line is flushed as soon as it is written, so a
/// crash loses at most the work in flight.
/// </summary>
internal sealed class Journal : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, JournalLine> _lines = new(StringComparer.Ordinal);
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private Journal(string path, Func<JournalLine, string?> key)
    {
        Key = key;
        if (File.Exists(path))
        {
            var number = 0;
            foreach (var text in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                JournalLine? line;
                try
                {
                    line = JsonSerializer.Deserialize<JournalLine>(text, s_json);
                }
                catch (JsonException ex)
                {
                    // A line cut short by a crash is the only damage an append-only file can take; redo it.
                    if (number == File.ReadLines(path).Count())
                    {
                        continue;
                    }

                    throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                        $"Journal '{path}' line {number} is not valid JSON ({ex.Message}); delete the file to redo that work."), ex);
                }

                if (line is not null && key(line) is { } id)
                {
                    _lines[id] = line;
                }
            }
        }

        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        if (_writer.BaseStream.Length > 0)
        {
            _writer.WriteLine();
        }
    }

    public Func<JournalLine, string?> Key { get; }

    public IReadOnlyDictionary<string, JournalLine> Lines => _lines;

    public static Journal OfPredictions(string path) => new(path, l => l.Id);

    public static Journal OfIngests(string path) => new(path, l => l.User);

    public void Append(JournalLine line)
    {
        var key = Key(line) ?? throw new ArgumentException("The journal line has no key.", nameof(line));
        lock (_gate)
        {
            _writer.WriteLine(JsonSerializer.Serialize(line, s_json));
        }

        _lines[key] = line;
    }

    public void Dispose() => _writer.Dispose();
}
