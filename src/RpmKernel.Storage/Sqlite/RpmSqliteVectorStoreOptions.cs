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

    /// <summary>
    /// How many bytes of recently searched users' vectors this process keeps in memory (default
    /// 128 MiB, about 80,000 records of 384 floats; 0 turns the cache off). A cached user is
    /// searched without reading the file's rows again until any process writes to that user: each
    /// write stores a fresh per-user version in the file, which every search checks first.
    /// </summary>
    public long VectorCacheBytes { get; set; } = 128L * 1024 * 1024;
}
