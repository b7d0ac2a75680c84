using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// The work of one user in model calls, roughly: an ingest is a feature call and a reasoning call per
/// batch plus one clustering call, and each pending prediction is one unit; turns ingest stage counts
/// and answered predictions into the finished share of the user's work.
/// </summary>
internal sealed class UserWork
{
    private readonly IProgress<UserStep>? _steps;
    private readonly double _batches;
    private readonly double _ingestUnits;
    private readonly double _totalUnits;
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
        var answered = Interlocked.Increment(ref _answered);
        _steps?.Report(new UserStep((_ingestUnits + answered) / _totalUnits, $"{method} {done}/{of}"));
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
        _steps?.Report(new UserStep(units is { } u ? u / _totalUnits : 0, $"{value.Stage} {value.Done}/{value.Total}"));
    }

    private sealed class IngestSteps(UserWork work) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => work.Ingested(value);
    }
}
