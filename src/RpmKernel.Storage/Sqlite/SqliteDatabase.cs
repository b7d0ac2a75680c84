using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// One SQLite database file: opens configured connections and runs every backend call through
/// <see cref="RunAsync{T}"/>, the single place where <see cref="SqliteException"/> becomes
/// <see cref="VectorStoreException"/>.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The writer semaphore is only awaited with WaitAsync, so it never allocates a wait handle; collections may outlive their store, so it is never disposed.")]
internal sealed class SqliteDatabase
{
    internal const string SystemName = "sqlite";

    // The pragmas each native connection was last set to; a pooled connection keeps its native handle across opens.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, ConnectionPragmas> s_pragmas = new();

    private readonly int _busyTimeoutMilliseconds;

    // SQLite has one writer at a time. Writers of this process queue here, so they hand over at once
    // instead of polling in SQLite's busy handler (which sleeps 1, 2, 5, 10 ms...); busy_timeout still
    // covers writers in other processes.
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _walConfigured;

    internal SqliteDatabase(string path, RpmSqliteVectorStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (path.Trim() == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{path}' is not a file path. The SQLite store needs a database file (for example '.rpm/rpm.db') so that processes can share it; use the InMemory store for throw-away data.",
                nameof(path));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        if (options.VectorCacheBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.VectorCacheBytes, "RpmSqliteVectorStoreOptions.VectorCacheBytes is negative; use 0 to turn the vector cache off, or a budget in bytes.");
        }

        FilePath = Path.GetFullPath(path);
        SqliteFileMode.CreatePrivate(FilePath);

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = options.Pooling,
        }.ToString();
        _busyTimeoutMilliseconds = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        VectorCache = new SqliteVectorCache(options.VectorCacheBytes);
        Name = Path.GetFileName(FilePath);
    }

    /// <summary>The full path of the database file.</summary>
    internal string FilePath { get; }

    /// <summary>The connection string built from <see cref="FilePath"/>.</summary>
    internal string ConnectionString { get; }

    /// <summary>The vectors of recently searched users, shared by the collections of this database.</summary>
    internal SqliteVectorCache VectorCache { get; }

    /// <summary>The file name, reported as the vector store name.</summary>
    internal string Name { get; }

    /// <summary>
    /// Opens a connection, runs <paramref name="operation"/> on it and wraps backend failures in a
    /// <see cref="VectorStoreException"/> that names the store, the collection and the operation.
    /// </summary>
    internal Task<T> RunAsync<T>(
        string? collectionName,
        string operationName,
        Func<SqliteConnection, Task<T>> operation,
        CancellationToken cancellationToken)
        => RunOnConnectionAsync(collectionName, operationName, operation, waitForDisk: null, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/> for an operation that writes: writers of this process take turns,
    /// so concurrent batches do not wait on each other in SQLite's busy handler.
    /// </summary>
    internal Task<T> RunWriteAsync<T>(
        string? collectionName,
        string operationName,
        Func<SqliteConnection, Task<T>> operation,
        CancellationToken cancellationToken)
        => RunWriteAsync(collectionName, operationName, operation, waitForDisk: true, cancellationToken);

    /// <summary>
    /// Like <see cref="RunWriteAsync{T}(string?, string, Func{SqliteConnection, Task{T}}, CancellationToken)"/>; with
    /// <paramref name="waitForDisk"/> false the commit returns once the write is in the WAL file,
    /// without flushing it to the disk (<c>synchronous = NORMAL</c>): it survives a crash of the
    /// process, but a power cut or an OS crash may undo it (never corrupt the file). For
    /// <see cref="Records.ILossTolerantEntity"/> only; the flush is about half a millisecond per commit.
    /// </summary>
    internal async Task<T> RunWriteAsync<T>(
        string? collectionName,
        string operationName,
        Func<SqliteConnection, Task<T>> operation,
        bool waitForDisk,
        CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunOnConnectionAsync(collectionName, operationName, operation, waitForDisk, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    // waitForDisk: null for a read, which commits nothing and so runs on a connection whatever its synchronous setting.
    private async Task<T> RunOnConnectionAsync<T>(
        string? collectionName,
        string operationName,
        Func<SqliteConnection, Task<T>> operation,
        bool? waitForDisk,
        CancellationToken cancellationToken)
    {
        try
        {
            var connection = await OpenAsync(waitForDisk, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await operation(connection).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex)
        {
            throw new VectorStoreException(Describe(ex, collectionName, operationName), ex)
            {
                VectorStoreSystemName = SystemName,
                VectorStoreName = Name,
                CollectionName = collectionName,
                OperationName = operationName,
            };
        }
    }

    /// <summary>Creates a command with its parameters, enlisted in <paramref name="transaction"/> when given.</summary>
    internal static SqliteCommand Command(
        SqliteConnection connection,
        string sql,
        SqliteTransaction? transaction = null,
        IEnumerable<KeyValuePair<string, object>>? parameters = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        return command;
    }

    private async Task<SqliteConnection> OpenAsync(bool? waitForDisk, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenOnceAsync(waitForDisk, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Microsoft.Data.Sqlite can hand out a pooled connection whose native handle a concurrent
            // pool clear or prune has just disposed (dotnet/efcore#38854); a second connection is a fresh one.
            return await OpenOnceAsync(waitForDisk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenOnceAsync(bool? waitForDisk, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // busy_timeout is per connection: a writer in another process makes us wait, not fail.
            // secure_delete zeroes what a delete or an overwrite frees, so a forgotten user's text does
            // not linger in free pages of the file.
            // synchronous is per connection and a pooled connection keeps it, so an open sets it unless
            // this native connection was last set to the same values (the pragmas then cost a statement each). A read
            // takes any synchronous setting: one that reset it after each write (usage rows and cached answers commit
            // with NORMAL) ran the pragmas at every other open of a personalize call.
            var wanted = new ConnectionPragmas(_busyTimeoutMilliseconds, waitForDisk ?? true);
            var handle = connection.Handle;
            var walConfigured = Volatile.Read(ref _walConfigured) != 0;
            if (handle is null || !walConfigured || !s_pragmas.TryGetValue(handle, out var applied)
                || applied.BusyTimeoutMilliseconds != wanted.BusyTimeoutMilliseconds
                || (waitForDisk is not null && applied.WaitForDisk != wanted.WaitForDisk))
            {
                var pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA secure_delete = ON; PRAGMA synchronous = {(wanted.WaitForDisk ? "FULL" : "NORMAL")};");

                // WAL is stored in the file, so once per database object is enough; it lets readers
                // in other processes go on while one process writes.
                if (!walConfigured)
                {
                    pragmas += " PRAGMA journal_mode = WAL;";
                }

                using (var command = Command(connection, pragmas))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (handle is not null)
                {
                    s_pragmas.AddOrUpdate(handle, wanted);
                }
            }

            Volatile.Write(ref _walConfigured, 1);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string Describe(SqliteException ex, string? collectionName, string operationName)
    {
        var where = collectionName is null ? $"'{FilePath}'" : $"collection '{collectionName}' of '{FilePath}'";
        var fix = ex.SqliteErrorCode switch
        {
            5 or 6 => "Another process holds the database lock for too long; retry, or raise RpmSqliteVectorStoreOptions.BusyTimeout.",
            8 => "The file or its directory is read-only; give this process write access or choose another Store:Sqlite:Path.",
            11 or 26 => "The file is not a valid SQLite database; point Store:Sqlite:Path to another file or move the damaged one away.",
            13 => "The disk is full; free some space and retry.",
            14 => "The file cannot be opened; check that its directory exists and is writable.",
            _ => "Check that the file is a database written by RpmKernel and that this process can read and write it.",
        };
        return $"SQLite failed during {operationName} on {where}: {ex.Message} {fix}";
    }

    private sealed record ConnectionPragmas(int BusyTimeoutMilliseconds, bool WaitForDisk);
}
