using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// A VectorData collection stored in one SQLite table: scalar properties as columns, the vector
/// as a BLOB of little-endian floats, and exact cosine ranking in process (see the Search part).
/// A connection is opened per operation, so instances are cheap and safe to share across threads.
/// </summary>
internal sealed partial class SqliteCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    // Keeps IN lists well below SQLite's parameter limit.
    private const int KeysPerStatement = 500;

    private readonly SqliteDatabase _database;
    private readonly CollectionModel _model;
    private readonly SqliteMapper<TRecord> _mapper;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly string _table;
    private readonly (string UserId, string Task)? _scope;
    private readonly bool _tracksVersions;
    private readonly bool _waitForDisk;
    private readonly Lazy<string> _schema;
    private volatile bool _verified;

    internal SqliteCollection(SqliteDatabase database, string name, CollectionModel model)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(model);
        SqliteSchema.ValidateCollectionName(name);

        _database = database;
        _model = model;
        _mapper = new SqliteMapper<TRecord>(model);
        _table = SqliteSchema.Quote(name);
        _scope = SqliteSchema.ScopeColumns(model);
        _tracksVersions = SqliteSchema.TracksWriteVersions(model);
        _waitForDisk = !typeof(Records.ILossTolerantEntity).IsAssignableFrom(typeof(TRecord));
        Name = name;
        _schema = new Lazy<string>(() => SqliteSchema.Describe(name, model));
        _metadata = new()
        {
            VectorStoreSystemName = SqliteDatabase.SystemName,
            VectorStoreName = database.Name,
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>False for <see cref="Records.ILossTolerantEntity"/> collections, whose upserts commit without waiting for the disk.</summary>
    internal bool WaitsForDisk => _waitForDisk;

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
        => _database.RunAsync(Name, "CollectionExists", c => SqliteSchema.TableExistsAsync(c, null, Name, cancellationToken), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A collection whose schema mark is current (<see cref="SqliteSchemaMarks"/>) is only read: its
    /// dimension is checked, nothing is written. Otherwise every table, column and index is created if
    /// missing, in one write transaction, and the mark is renewed.
    /// </remarks>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var schema = _schema.Value;
        var (current, dimensions) = await _database.RunAsync(
            Name, "EnsureCollectionExists", connection => SqliteSchemaMarks.ReadAsync(connection, Name, schema, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (current)
        {
            ThrowIfDimensionsDiffer(dimensions);
            _verified = true;
            return;
        }

        await _database.RunWriteAsync(Name, "EnsureCollectionExists", async connection =>
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var stored = await SqliteSchema.ReadDimensionsAsync(connection, transaction, Name, cancellationToken).ConfigureAwait(false);
                ThrowIfDimensionsDiffer(stored);
                await SqliteSchema.CreateCollectionAsync(connection, transaction, Name, _model, _mapper.Dimensions, cancellationToken).ConfigureAwait(false);
                await SqliteSchemaMarks.WriteAsync(connection, transaction, Name, schema, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _verified = true;
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
        => _database.RunWriteAsync(Name, "EnsureCollectionDeleted", async connection =>
        {
            await SqliteSchema.DropCollectionAsync(connection, Name, cancellationToken).ConfigureAwait(false);
            _verified = false;
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var includeVectors = options?.IncludeVectors ?? false;
        return _database.RunAsync(Name, "Get", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            var sql = $"SELECT {Columns(includeVectors)} FROM {_table} WHERE {_mapper.KeyColumn} = @key;";
            var records = await ReadAsync(connection, sql, [new("@key", SqliteMapper<TRecord>.KeyToDb(key))], includeVectors, cancellationToken).ConfigureAwait(false);
            return records.Count == 0 ? null : records[0];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys,
        RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var includeVectors = options?.IncludeVectors ?? false;
        var stored = keys.Select(k => SqliteMapper<TRecord>.KeyToDb(k)).Distinct().ToList();
        if (stored.Count == 0)
        {
            yield break;
        }

        var records = await _database.RunAsync(Name, "GetBatch", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            var all = new List<TRecord>();
            foreach (var chunk in stored.Chunk(KeysPerStatement))
            {
                var (inList, parameters) = KeyList(chunk);
                var sql = $"SELECT {Columns(includeVectors)} FROM {_table} WHERE {_mapper.KeyColumn} IN ({inList});";
                all.AddRange(await ReadAsync(connection, sql, parameters, includeVectors, cancellationToken).ConfigureAwait(false));
            }

            return all;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var record in records)
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        System.Linq.Expressions.Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options = StoreArguments.Filtered(filter, top, options);

        var where = SqliteFilterTranslator.Translate(filter, _model);
        var sql = new StringBuilder()
            .Append("SELECT ").Append(Columns(options.IncludeVectors)).Append(" FROM ").Append(_table)
            .Append(" WHERE ").Append(where.Sql);
        AppendOrderBy(sql, options);
        sql.Append(" LIMIT @top OFFSET @skip;");
        List<KeyValuePair<string, object>> parameters = [.. where.Parameters, new("@top", top), new("@skip", options.Skip)];

        var records = await _database.RunAsync(Name, "GetFiltered", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(connection, sql.ToString(), parameters, options.IncludeVectors, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        foreach (var record in records)
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);

    private string Columns(bool includeVectors) => includeVectors ? _mapper.SelectColumnsWithVector : _mapper.SelectColumns;

    private static (string InList, List<KeyValuePair<string, object>> Parameters) KeyList(object[] keys)
    {
        var parameters = keys.Select((k, i) => new KeyValuePair<string, object>("@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), k)).ToList();
        return (string.Join(", ", parameters.Select(p => p.Key)), parameters);
    }

    private void AppendOrderBy(StringBuilder sql, FilteredRecordRetrievalOptions<TRecord> options)
    {
        if (options.OrderBy is null)
        {
            return;
        }

        var sorts = options.OrderBy(new()).Values;
        for (var i = 0; i < sorts.Count; i++)
        {
            var property = _model.GetDataOrKeyProperty(sorts[i].PropertySelector);
            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(SqliteSchema.Quote(property.StorageName)).Append(sorts[i].Ascending ? " ASC" : " DESC");
        }
    }

    private async Task<List<TRecord>> ReadAsync(
        SqliteConnection connection,
        string sql,
        IEnumerable<KeyValuePair<string, object>> parameters,
        bool includeVectors,
        CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, sql, null, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<TRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var vector = includeVectors && _mapper.Vector is not null ? _mapper.ReadVector(reader, Name) : null;
            records.Add(_mapper.Read(reader, vector));
        }

        return records;
    }

    /// <summary>
    /// Checks once per instance that the collection exists and was built with this instance's
    /// vector dimension, so a missing or mismatched collection fails with a clear message instead
    /// of "no such table" or a wrong ranking.
    /// </summary>
    private async Task VerifyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (_verified)
        {
            return;
        }

        var stored = await SqliteSchema.ReadDimensionsAsync(connection, null, Name, cancellationToken).ConfigureAwait(false);
        if (stored is null && !await SqliteSchema.TableExistsAsync(connection, null, Name, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"Collection '{Name}' does not exist in '{_database.FilePath}'. Create it first with EnsureCollectionExistsAsync (IReasoningStore.EnsureReadyAsync / IUserModelStore.EnsureReadyAsync).");
        }

        ThrowIfDimensionsDiffer(stored);
        _verified = true;
    }

    private void ThrowIfDimensionsDiffer(int? stored)
    {
        // A view without the vector property (data only) reads the rows whatever their dimension.
        if (stored is { } dimensions && _mapper.Vector is not null && dimensions != _mapper.Dimensions)
        {
            throw new EmbeddingDimensionMismatchException(
                $"Collection '{Name}' in '{_database.FilePath}' stores {dimensions}-dimensional vectors, but it was opened with {_mapper.Dimensions} dimensions. " +
                "Use the embedding model the collection was built with, or pick another collection name or database file (or delete the collection) to rebuild it with the new model.",
                Name,
                dimensions,
                _mapper.Dimensions);
        }
    }
}
