using System.Diagnostics;
using System.Globalization;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Cli.Output;

/// <summary>
/// Progress of a single-user <c>rpmk ingest</c> as plain lines such as <c>extract-features 16/40</c> on stderr:
/// at most one a second per stage, and always each stage's last count (when it reaches its total, when the
/// next stage starts, or on <see cref="Complete"/>), so redirected output stays short and ends with the truth.
/// </summary>
internal sealed class IngestProgressLines : IProgress<IngestProgress>
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _lastWritten = new(StringComparer.Ordinal);
    private IngestProgress? _written;
    private IngestProgress? _pending;

    public IngestProgressLines(TextWriter writer, TimeProvider? time = null)
    {
        _writer = writer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="run"/> while writing its progress as lines to <paramref name="writer"/>.</summary>
    public static async Task<T> RunAsync<T>(TextWriter writer, Func<IProgress<IngestProgress>, Task<T>> run)
    {
        var lines = new IngestProgressLines(writer);
        var result = await run(lines).ConfigureAwait(false);
        lines.Complete();
        return result;
    }

    public void Report(IngestProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_pending is { } previous && previous.Stage != value.Stage)
            {
                Write(previous);
            }

            _pending = value;
            var due = !_lastWritten.TryGetValue(value.Stage, out var last) || _time.GetElapsedTime(last) >= s_interval;
            if (value.Done >= value.Total || due)
            {
                Write(value);
            }
        }
    }

    /// <summary>Writes the last count heard, if it is not written yet (a stage whose failed items kept it below its total).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_pending is { } pending)
            {
                Write(pending);
            }
        }
    }

    private void Write(IngestProgress value)
    {
        _pending = null;
        if (value == _written)
        {
            return;
        }

        _written = value;
        _lastWritten[value.Stage] = _time.GetTimestamp();
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {value.Done}/{value.Total}"));
    }
}
