using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// The embedded default vector store: every collection is a table in one SQLite file, in WAL
/// mode with a busy timeout so several processes can share the file. Search is exact (cosine
/// similarity over the filtered rows), which suits per-user collections of hundreds to a few
/// thousand records.
/// </summary>
public sealed class RpmSqliteVectorStore : VectorStore
{
    private readonly SqliteDatabase _database;
    private readonly VectorStoreMetadata _metadata;

    /// <summary>Opens (and creates on first write) the database file at <paramref name="path"/>; its directory is created if missing.</summary>
    /// <param name="path">The database file, absolute or relative to the current directory.</param>
    /// <param name="options">Connection options; defaults when null.</param>
    public RpmSqliteVectorStore(string path, RpmSqliteVectorStoreOptions? options = null)
    {
        _database = new SqliteDatabase(path, options ?? new RpmSqliteVectorStoreOptions());
        _metadata = new() { VectorStoreSystemName = SqliteDatabase.SystemName, VectorStoreName = _database.Name };
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _database.FilePath;

    /// <inheritdoc />
    [RequiresDynamicCode("The SQLite store maps records by reflection and is not compatible with NativeAOT.")]
    [RequiresUnreferencedCode("The SQLite store maps records by reflection and is not compatible with trimming.")]
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new NotSupportedException($"Records of type Dictionary<string, object?> are dynamic; use {nameof(GetDynamicCollection)} instead.");
        }

        var model = new SqliteModelBuilder().Build(typeof(TRecord), typeof(TKey), definition, defaultEmbeddingGenerator: null);
        return new SqliteCollection<TKey, TRecord>(_database, name, model);
    }

    /// <inheritdoc />
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = new SqliteModelBuilder().BuildDynamic(definition, defaultEmbeddingGenerator: null);
        return new SqliteCollection<object, Dictionary<string, object?>>(_database, name, model);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = await _database.RunAsync(null, "ListCollectionNames", c => SqliteSchema.ListCollectionsAsync(c, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _database.RunAsync(name, "CollectionExists", c => SqliteSchema.TableExistsAsync(c, null, name, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        SqliteSchema.ValidateCollectionName(name);
        return _database.RunWriteAsync(name, "EnsureCollectionDeleted", async connection =>
        {
            await SqliteSchema.DropCollectionAsync(connection, name, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Write leases kept in this database file, shared by every process that opens it.</summary>
    internal IUserWriteLeases CreateLeases() => new SqliteUserWriteLeases(_database, TimeProvider.System);

    /// <summary>Deletes a user's rows from <paramref name="tables"/> in one transaction with secure_delete, then truncates the WAL; returns the count per table.</summary>
    internal Task<int[]> EraseUserAsync(IReadOnlyList<string> tables, string userId, string? task, CancellationToken cancellationToken) =>
        SqliteUserErasure.RunAsync(_database, tables, userId, task, cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Closes this store's idle pooled connections, so the file can be moved or deleted.
            using var connection = new SqliteConnection(_database.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        base.Dispose(disposing);
    }
}
