namespace RpmKernel.Cli.Output;

/// <summary>One failure of an ingest, as <c>ingest --json</c> lists it.</summary>
/// <param name="UserId">The user, when the file held several (omitted for a single user).</param>
/// <param name="ItemId">The history item id, or <c>*</c> when the whole user failed.</param>
/// <param name="Stage">The stage that failed.</param>
/// <param name="Error">What went wrong.</param>
internal sealed record IngestFailure(string? UserId, string ItemId, string Stage, string Error)
{
    /// <summary>The <see cref="ItemId"/> of a failure that stopped a whole user.</summary>
    public const string WholeUser = "*";
}
