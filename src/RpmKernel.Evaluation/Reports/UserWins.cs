namespace RpmKernel.Evaluation.Reports;

/// <summary>Per-user outcome of B against A on the task's first metric ("better" is lower for MAE and RMSE).</summary>
/// <param name="Wins">Users where B is better.</param>
/// <param name="Losses">Users where B is worse.</param>
/// <param name="Ties">Users where both score the same.</param>
public sealed record UserWins(int Wins, int Losses, int Ties);
