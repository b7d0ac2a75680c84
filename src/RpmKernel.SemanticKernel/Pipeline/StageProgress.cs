namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The done count of one ingest stage, added to by batches that complete concurrently and reported
/// to an optional <see cref="IProgress{T}"/>; reports never go backwards.
/// </summary>
internal sealed class StageProgress
{
    private readonly IProgress<IngestProgress>? _progress;
    private readonly string _stage;
    private readonly int _total;
    private readonly Lock _gate = new();
    private int _done;
    private int _reported = -1;

    private StageProgress(IProgress<IngestProgress>? progress, string stage, int done, int total)
    {
        _progress = progress;
        _stage = stage;
        _done = done;
        _total = total;
    }

    /// <summary>Starts a stage with <paramref name="done"/> of <paramref name="total"/> units already done, and reports it.</summary>
    public static StageProgress Start(IProgress<IngestProgress>? progress, string stage, int done, int total)
    {
        var stageProgress = new StageProgress(progress, stage, done, total);
        stageProgress.Add(0);
        return stageProgress;
    }

    /// <summary>Counts <paramref name="count"/> more units as done and reports the new count.</summary>
    public void Add(int count)
    {
        var done = Interlocked.Add(ref _done, count);
        if (_progress is null)
        {
            return;
        }

        // Two batches can finish at once: report under the gate, and only a count higher than the last.
        lock (_gate)
        {
            if (done > _reported)
            {
                _reported = done;
                _progress.Report(new IngestProgress(_stage, done, _total));
            }
        }
    }
}
