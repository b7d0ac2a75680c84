namespace RpmKernel.Evaluation.Reports;

/// <summary>What ingesting the evaluated users cost (shared by every RPM method).</summary>
/// <param name="Users">Users ingested.</param>
/// <param name="Items">History items stored.</param>
/// <param name="FailedItems">History items that failed to ingest.</param>
/// <param name="Calls">Model calls.</param>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
public sealed record PreprocessingUsage(int Users, long Items, long FailedItems, long Calls, long InputTokens, long OutputTokens);
