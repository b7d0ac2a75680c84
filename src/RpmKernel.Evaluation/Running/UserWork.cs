using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// The work of one user in model calls, roughly: an ingest is a feature call and a reasoning call per
/// batch plus one clustering call, and each pending prediction is one unit; turns ingest stage counts
/// and answered predictions into the finished share of the user's work. Baselines answer while the
/// ingest runs, so the share adds what each has done so far.
/// </summary>
internal sealed class UserWork
{
    private readonly IProgress<UserStep>? _steps;
    private readonly double _batches;
    private readonly double _ingestUnits;
    private readonly double _totalUnits;
    private readonly Lock _gate = new();
    private double _ingested;
    private int _answered;

    public UserWork(IProgress<UserStep>? steps, bool ingests, int historyItems, int batchSize, int predictions)
    {
        _steps = steps;
        _batches = Math.Max(1, Math.Ceiling(historyItems / (double)Math.Max(1, batchSize)));
        _ingestUnits = ingests ? (2 * _batches) + 1 : 0;
        _totalUnits = Math.Max(1, _ingestUnits + predictions);
    }

    /// <summary>Hears the pipeline's ingest progress of this user (null when nobody listens).</summary>
    public IProgress<IngestProgress>? Ingest => _steps is null ? null : new IngestSteps(this);

    /// <summary>Counts one prediction of <paramref name="method"/> (the <paramref name="done"/>-th of <paramref name="of"/>) as answered.</summary>
    public void Answered(string method, int done, int of)
    {
        double units;
        lock (_gate)
        {
            units = _ingested + ++_answered;
        }

        _steps?.Report(new UserStep(units / _totalUnits, $"{method} {done}/{of}"));
    }

    /// <summary>Counts the whole ingest as done (its last stage report may count fewer items than it had, such as failed ones).</summary>
    public void IngestFinished()
    {
        lock (_gate)
        {
            _ingested = _ingestUnits;
        }
    }

    private void Ingested(IngestProgress value)
    {
        var stageShare = value.Total <= 0 ? 0 : Math.Clamp(value.Done / (double)value.Total, 0, 1);
        double? units = value.Stage switch
        {
            RpmStage.ExtractFeatures => stageShare * _batches,
            RpmStage.ClusterFactors => _batches + stageShare,
            RpmStage.ConstructReasoning => _batches + 1 + (stageShare * _batches),
            _ => null,
        };

        // Other reports (waiting for another writer's lease) say what is happening without moving the share.
        double share;
        lock (_gate)
        {
            _ingested = Math.Max(_ingested, units ?? 0);
            share = (_ingested + _answered) / _totalUnits;
        }

        _steps?.Report(new UserStep(share, $"{value.Stage} {value.Done}/{value.Total}"));
    }

    private sealed class IngestSteps(UserWork work) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => work.Ingested(value);
    }
}
