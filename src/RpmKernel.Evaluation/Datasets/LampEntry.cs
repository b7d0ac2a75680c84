namespace RpmKernel.Evaluation.Datasets;

/// <summary>One entry of a LaMP questions file: a user whose profile is the history and whose input is the target query.</summary>
/// <param name="Id">The entry id (the user, and the id of the target example).</param>
/// <param name="Input">The target query.</param>
/// <param name="Profile">The user's profile items.</param>
public sealed record LampEntry(string Id, string Input, IReadOnlyList<LampProfileItem> Profile);
