namespace RpmKernel.Evaluation.Running;

/// <summary>How far a run is.</summary>
/// <param name="UsersDone">Users finished.</param>
/// <param name="UsersTotal">Users to do, when known (a sample); null while streaming a whole file.</param>
/// <param name="Predictions">Predictions made in this run.</param>
/// <param name="Failed">Predictions that failed in this run.</param>
/// <param name="Skipped">Predictions already written by an earlier run, so skipped.</param>
public sealed record EvalProgress(int UsersDone, int? UsersTotal, int Predictions, int Failed, int Skipped);
