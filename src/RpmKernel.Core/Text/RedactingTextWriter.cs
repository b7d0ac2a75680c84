using System.Text;

namespace RpmKernel.Core.Text;

/// <summary>
/// A writer that passes text on line by line through a <see cref="SecretRedactor"/>, so a secret
/// split across several writes of one line is still masked. Call <see cref="Flush"/> at the end to
/// write a last line without a line break.
/// </summary>
public sealed class RedactingTextWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly SecretRedactor _redactor;
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="inner"/>; it is flushed but not disposed by this writer.</summary>
    public RedactingTextWriter(TextWriter inner, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(redactor);
        _inner = inner;
        _redactor = redactor;
    }

    /// <summary>The writer that receives the masked text.</summary>
    public TextWriter Inner => _inner;

    /// <inheritdoc />
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            _line.Append(value);
            if (value == '\n')
            {
                EmitLine();
            }
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            var start = 0;
            for (var newline = value.IndexOf('\n', StringComparison.Ordinal); newline >= 0; newline = value.IndexOf('\n', start))
            {
                _line.Append(value, start, newline - start + 1);
                EmitLine();
                start = newline + 1;
            }

            _line.Append(value, start, value.Length - start);
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                _inner.Write(_redactor.Redact(_line.ToString()));
                _line.Clear();
            }

            _inner.Flush();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        _inner.Write(_redactor.Redact(_line.ToString()));
        _line.Clear();
    }
}
