namespace RpmKernel.Evaluation.Running;

/// <summary>How far a run is.</summary>
/// <param name="UsersDone">Users finished.</param>
/// <param name="UsersTotal">Users to do: the sample, or the users counted in the file before the run; null while they are counted, or when they could not be.</param>
/// <param name="Predictions">Predictions made in this run.</param>
/// <param name="Failed">Predictions that failed in this run.</param>
/// <param name="Skipped">Predictions already written by an earlier run, so skipped.</param>
public sealed record EvalProgress(int UsersDone, int? UsersTotal, int Predictions, int Failed, int Skipped)
{
    /// <summary>
    /// <see cref="UsersDone"/> plus the finished share of each user in progress (its ingest stages and
    /// method answers), so a bar over <see cref="UsersTotal"/> moves while users are still running.
    /// </summary>
    public double UsersProgress { get; init; } = UsersDone;

    /// <summary>
    /// What moved last, such as <c>user 310: extract-features 16/40</c>, <c>user 310: rpm 1/2</c>,
    /// <c>scoring rpm (3/10)</c> or <c>writing the report</c>; null when a user has just finished.
    /// </summary>
    public string? Activity { get; init; }

    /// <summary>
    /// The finished share (0 to 1) of the step that runs after the users, such as the scoring, the
    /// comparison's bootstrap and permutation test or the gate's bootstrap, named by <see cref="Activity"/>;
    /// null while users run and once the run is over.
    /// </summary>
    public double? PhaseProgress { get; init; }
}
