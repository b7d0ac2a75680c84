using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Writes usage rows with group commit: a row that arrives while a write is under way goes out with the
/// others that arrived meanwhile, in the next single write. Each caller still returns only once its own
/// row is stored. The replies of one wave of model calls come back together, and each holds its
/// concurrency slot until its row is written; one write per row, each waiting its turn for the store's
/// single writer, held the last slot of a wave for the whole queue (most on a busy machine).
/// </summary>
internal sealed class UsageRowWriter
{
    private readonly IUsageStore _store;
    private readonly Lock _gate = new();
    private List<(UsageRow Row, TaskCompletionSource Written)> _queued = [];
    private bool _writing;

    public UsageRowWriter(IUsageStore store)
    {
        _store = store;
    }

    /// <summary>Stores <paramref name="row"/>, with any rows that arrive while an earlier write is under way.</summary>
    public Task AppendAsync(UsageRow row)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queued.Add((row, written));
            if (_writing)
            {
                return written.Task;
            }

            _writing = true;
        }

        _ = WriteQueuedAsync();
        return written.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<(UsageRow Row, TaskCompletionSource Written)> batch;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }

                (batch, _queued) = (_queued, []);
            }

            try
            {
                // A call that was paid for is written down even when its operation is being cancelled.
                await _store.AppendAsync(batch.Select(b => b.Row).ToList(), CancellationToken.None).ConfigureAwait(false);
                foreach (var (_, written) in batch)
                {
                    written.SetResult();
                }
            }
#pragma warning disable CA1031 // Every caller of the batch hears the store's failure as its own.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var (_, written) in batch)
                {
                    written.SetException(ex);
                }
            }
        }
    }
}
