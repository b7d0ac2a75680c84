namespace RpmKernel.Evaluation.Running;

/// <summary>How far one user's evaluation is: the finished share of its work (0 to 1) and what moved last.</summary>
/// <param name="Share">The finished share of the user's ingest and answers.</param>
/// <param name="Activity">What moved, such as <c>extract-features 16/40</c> or <c>rpm 1/2</c>.</param>
internal sealed record UserStep(double Share, string Activity);
