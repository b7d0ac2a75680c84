namespace RpmKernel.Evaluation.Running;

/// <summary>
/// The progress of a run's users, reported to an optional <see cref="IProgress{T}"/> under one lock so
/// reports never go backwards: finished users, the finished share of the users in flight, the evaluator's
/// counts and what moved last (an ingest stage, a method's answers, the scoring of a method).
/// </summary>
internal sealed class EvalProgressTracker
{
    /// <summary>The word that starts the activity of the scoring phase (<c>scoring rpm (3/10)</c>).</summary>
    public const string ScoringActivity = "scoring";

    private readonly IProgress<EvalProgress>? _progress;
    private readonly int? _total;
    private readonly UserEvaluator _evaluator;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private int _done;
    private double _reported;

    public EvalProgressTracker(IProgress<EvalProgress>? progress, int? total, UserEvaluator evaluator)
    {
        _progress = progress;
        _total = total;
        _evaluator = evaluator;
    }

    /// <summary>Users finished so far.</summary>
    public int Done
    {
        get
        {
            lock (_gate)
            {
                return _done;
            }
        }
    }

    /// <summary>The steps of one user, reported as they come (null when nobody listens).</summary>
    public IProgress<UserStep>? For(string userId) => _progress is null ? null : new UserSteps(this, userId);

    /// <summary>Counts <paramref name="userId"/> as finished (running <paramref name="record"/> under the same lock) and reports it.</summary>
    public void Finished(string userId, Action record)
    {
        lock (_gate)
        {
            record();
            _inFlight.Remove(userId);
            _finished.Add(userId);
            _done++;
            Report(activity: null);
        }
    }

    /// <summary>Reports a step after the users, such as the scoring of a method, at <paramref name="share"/> (0 to 1) of that step.</summary>
    public void Phase(string activity, double share)
    {
        lock (_gate)
        {
            Report(activity, share);
        }
    }

    /// <summary>Reports the totals once more at the end of the run, after its last phase.</summary>
    public void Completed()
    {
        lock (_gate)
        {
            Report(activity: null);
        }
    }

    private void Moved(string userId, UserStep step)
    {
        lock (_gate)
        {
            // A step heard after the user finished (a late ingest report) changes nothing.
            if (_finished.Contains(userId))
            {
                return;
            }

            var share = _inFlight.GetValueOrDefault(userId);

            _inFlight[userId] = Math.Clamp(Math.Max(share, step.Share), 0, 0.999);
            Report($"user {userId}: {step.Activity}");
        }
    }

    private void Report(string? activity, double? phaseShare = null)
    {
        var users = Math.Max(_reported, _done + _inFlight.Values.Sum());
        _reported = users;
        _progress?.Report(new EvalProgress(_done, _total, _evaluator.Made, _evaluator.Failed, _evaluator.Skipped)
        {
            UsersProgress = users,
            Activity = activity,
            PhaseProgress = phaseShare,
        });
    }

    private sealed class UserSteps(EvalProgressTracker tracker, string userId) : IProgress<UserStep>
    {
        public void Report(UserStep value) => tracker.Moved(userId, value);
    }
}
