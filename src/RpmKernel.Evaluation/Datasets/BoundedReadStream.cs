using System.Globalization;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>
/// A read-only view of a file that refuses to go past a total size and past a size per entry (the
/// bytes read since <see cref="StartEntry"/>), so a streaming JSON reader cannot be made to buffer
/// an endless value.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, string path, long maxBytes, long maxEntryBytes) : Stream
{
    private long _total;
    private long _entry;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    /// <summary>Starts counting the next entry from zero.</summary>
    public void StartEntry() => _entry = 0;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _total += read;
        _entry += read;
        if (_total > maxBytes)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"File '{path}' is larger than {maxBytes} bytes (Rpm:Limits:MaxHistoryFileBytes); split it or raise the limit."));
        }

        if (_entry > maxEntryBytes)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"File '{path}' has an entry larger than {maxEntryBytes} bytes near byte {_total} (Rpm:Limits:MaxLampEntryBytes); split the entry or raise the limit."));
        }

        return read;
    }
}
