namespace RpmKernel.Storage.Sqlite;

/// <summary>Options of a <see cref="RpmSqliteVectorStore"/>.</summary>
public sealed class RpmSqliteVectorStoreOptions
{
    /// <summary>
    /// How long a connection waits for another connection or process that holds the write lock
    /// before failing with "database is locked". Default 10 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether connections are pooled (default true). Pooled connections keep the file open after
    /// use; call <c>SqliteConnection.ClearAllPools()</c> or dispose the store before deleting it.
    /// </summary>
    public bool Pooling { get; set; } = true;
}
