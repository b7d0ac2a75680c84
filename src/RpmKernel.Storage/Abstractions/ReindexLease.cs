namespace RpmKernel.Storage.Abstractions;

/// <summary>
/// The store-wide lease a <c>reindex</c> of every user holds in <see cref="IUserWriteLeases"/>
/// while it reads, re-embeds and rebuilds the reasoning collection. Every writer of records
/// (ingest, import, item removal, a single user's reindex) waits while it is held, and writes again
/// what it wrote while the reindex was starting, so no record is lost to a rebuild. Its user id holds
/// a control character, which no real user id may (<see cref="Core.Records.UserIdPolicy"/>).
/// </summary>
public static class ReindexLease
{
    /// <summary>The lease's user id.</summary>
    public const string UserId = "\u0001reindex";

    /// <summary>The lease's task.</summary>
    public const string Task = "\u0001store";
}
