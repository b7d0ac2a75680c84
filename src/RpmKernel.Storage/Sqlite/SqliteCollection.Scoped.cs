using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Reads scoped to one user and task through the (UserId, Task) index: keys alone for deletes, and
/// searches that read keys and vectors only (kept in memory while the user's write version holds)
/// and then the records of the winners.
/// </summary>
internal sealed partial class SqliteCollection<TKey, TRecord> : IScopedVectorSearch<TRecord>, IScopedKeyReader<TRecord>, IUserWriteVersions
{
    // The statement of the last winners' read (a reference, so threads swap it whole); almost every
    // search asks for the same number of winners.
    private volatile WinnersStatement? _winnersSql;

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorSearchResult<TRecord>>> SearchScopedAsync(string userId, string task, ReadOnlyMemory<float> query, int top, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (_scope is not var (userColumn, taskColumn) || _mapper.VectorColumn is null)
        {
            throw new NotSupportedException($"Collection '{Name}' has no UserId and Task columns or no vector; search it with SearchAsync and a filter.");
        }

        if (query.Length != _mapper.Dimensions)
        {
            throw VectorValues.SearchDimensionMismatch(query.Length, Name, _mapper.Dimensions, nameof(query));
        }

        return _database.RunAsync<IReadOnlyList<VectorSearchResult<TRecord>>>(Name, "Search", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);

            // Vectors in memory are ranked at once; the winners' read returns the stored version in
            // the same statement (one snapshot), and the answer stands only when the vectors were
            // read at that version. Otherwise (a write since, by any process) the search starts over.
            if (_tracksVersions && _database.VectorCache.Peek(Name, userId, task) is { } cached)
            {
                var ranked = cached.Rank(query.Span, top);
                if (ranked.Count > 0)
                {
                    var winners = await ReadWinnersAsync(connection, userColumn, taskColumn, userId, task, cached, ranked, cancellationToken).ConfigureAwait(false);
                    if (winners.Rows > 0 && winners.Version == cached.Version && _database.VectorCache.Get(Name, userId, task, winners.Version) is not null)
                    {
                        return winners.Results;
                    }
                }
            }

            // The version is read before the vectors: a write between the two makes the cached entry
            // older than its version says, so the next search reloads it; never the other way round.
            var version = _tracksVersions ? await SqliteWriteVersions.ReadAsync(connection, Name, userId, cancellationToken).ConfigureAwait(false) : null;
            var vectors = _database.VectorCache.Get(Name, userId, task, version);
            if (vectors is null)
            {
                vectors = await ReadScopedVectorsAsync(connection, userColumn, taskColumn, userId, task, version, cancellationToken).ConfigureAwait(false);
                _database.VectorCache.Put(Name, userId, task, vectors);
            }

            var best = vectors.Rank(query.Span, top);
            return best.Count == 0
                ? []
                : (await ReadWinnersAsync(connection, userColumn, taskColumn, userId, task, vectors, best, cancellationToken).ConfigureAwait(false)).Results;
        }, cancellationToken);
    }

    /// <summary>
    /// The records of the ranked rows, best first (a winner deleted since its vector was read is
    /// left out), with how many rows the read returned and the user's stored write version, read in
    /// the same statement (null when the collection keeps none or the read returned no row).
    /// </summary>
    private async Task<(IReadOnlyList<VectorSearchResult<TRecord>> Results, int Rows, long? Version)> ReadWinnersAsync(
        SqliteConnection connection, string userColumn, string taskColumn, string userId, string task, ScopedVectors vectors, List<(int Row, double Score)> ranked, CancellationToken cancellationToken)
    {
        var keys = new object[ranked.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = vectors.Keys[ranked[i].Row];
        }

        var (_, parameters) = KeyList(keys);
        parameters.Add(new("@user", userId));
        parameters.Add(new("@task", task));
        if (_tracksVersions)
        {
            parameters.Add(new("@collection", Name));
        }

        using var command = SqliteDatabase.Command(connection, ScopedWinnersSql(userColumn, taskColumn, keys.Length), null, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<object, TRecord>(keys.Length);
        long? version = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = _mapper.Read(reader, null);
            byKey[SqliteMapper<TRecord>.KeyToDb(_mapper.KeyOf(record))] = record;
            if (_tracksVersions && reader.GetValue(reader.FieldCount - 1) is long stored)
            {
                version = stored;
            }
        }

        var results = new List<VectorSearchResult<TRecord>>(ranked.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            if (byKey.TryGetValue(keys[i], out var record))
            {
                results.Add(new VectorSearchResult<TRecord>(record, ranked[i].Score));
            }
        }

        return (results, byKey.Count, version);
    }

    /// <inheritdoc />
    public Task<long?> GetWriteVersionAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!_tracksVersions)
        {
            return Task.FromResult<long?>(null);
        }

        return _database.RunAsync(Name, "GetWriteVersion", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            return await SqliteWriteVersions.ReadAsync(connection, Name, userId, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScopedKey>> GetScopedKeysAsync(Expression<Func<TRecord, bool>> filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (_scope is not var (userColumn, taskColumn))
        {
            throw new NotSupportedException($"Collection '{Name}' has no UserId and Task columns.");
        }

        var where = SqliteFilterTranslator.Translate(filter, _model);
        var sql = $"SELECT {_mapper.KeyColumn}, {SqliteSchema.Quote(userColumn)}, {SqliteSchema.Quote(taskColumn)} FROM {_table} WHERE {where.Sql};";
        return _database.RunAsync<IReadOnlyList<ScopedKey>>(Name, "GetScopedKeys", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            using var command = SqliteDatabase.Command(connection, sql, null, where.Parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var keys = new List<ScopedKey>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(new ScopedKey(Guid.Parse(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }

            return keys;
        }, cancellationToken);
    }

    /// <summary>The statement that reads the keys and vectors of one user and task (<c>@user</c>, <c>@task</c>), and no text column.</summary>
    internal string ScopedVectorsSql(string userColumn, string taskColumn) =>
        $"SELECT {_mapper.KeyColumn}, {_mapper.VectorColumn} FROM {_table} " +
        $"WHERE {SqliteSchema.Quote(userColumn)} = @user AND {SqliteSchema.Quote(taskColumn)} = @task AND {_mapper.VectorColumn} IS NOT NULL;";

    /// <summary>
    /// The statement that reads the records of <paramref name="count"/> winners (<c>@k0</c>...) by
    /// key. The user and task are checked too, but with a unary <c>+</c>, which keeps SQLite from
    /// answering through the (UserId, Task) indexes: those would visit every row of the user (at
    /// 50,000 records, a second per search) instead of looking up <paramref name="count"/> keys.
    /// A collection that keeps write versions also selects the user's version (<c>@collection</c>)
    /// as the last column, so it is read in the same snapshot as the records.
    /// </summary>
    internal string ScopedWinnersSql(string userColumn, string taskColumn, int count)
    {
        if (_winnersSql is { } cached && cached.Count == count && cached.UserColumn == userColumn && cached.TaskColumn == taskColumn)
        {
            return cached.Sql;
        }

        var inList = string.Join(", ", Enumerable.Range(0, count).Select(i => "@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var version = _tracksVersions
            ? $", (SELECT \"version\" FROM \"{SqliteWriteVersions.Table}\" WHERE \"collection\" = @collection AND \"user_id\" = @user)"
            : "";
        var sql = $"SELECT {_mapper.SelectColumns}{version} FROM {_table} WHERE {_mapper.KeyColumn} IN ({inList}) AND +{SqliteSchema.Quote(userColumn)} = @user AND +{SqliteSchema.Quote(taskColumn)} = @task;";
        _winnersSql = new WinnersStatement(userColumn, taskColumn, count, sql);
        return sql;
    }

    /// <summary>The keys and unit-length vectors of one user and task, without any text column.</summary>
    private async Task<ScopedVectors> ReadScopedVectorsAsync(
        SqliteConnection connection, string userColumn, string taskColumn, string userId, string task, long? version, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, ScopedVectorsSql(userColumn, taskColumn), null, [new("@user", userId), new("@task", task)]);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var dimensions = _mapper.Dimensions;
        var keys = new List<object>();
        var rows = new float[dimensions * 64];
        var scratch = new float[dimensions];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var blob = reader.GetFieldValue<byte[]>(1);
            if (blob.Length != dimensions * sizeof(float))
            {
                throw new InvalidOperationException(
                    $"Collection '{Name}' holds a record ('{reader.GetValue(0)}') whose vector has {blob.Length / (double)sizeof(float)} dimensions instead of {dimensions}. The table was written by something other than this store; delete and rebuild the collection.");
            }

            SqliteValues.DecodeVector(blob, scratch);
            if ((keys.Count + 1) * dimensions > rows.Length)
            {
                Array.Resize(ref rows, rows.Length * 2);
            }

            if (ScopedVectors.TryNormalizeInto(scratch, rows, keys.Count))
            {
                keys.Add(reader.GetValue(0));
            }
        }

        Array.Resize(ref rows, keys.Count * dimensions);
        return new ScopedVectors(version, [.. keys], rows, dimensions);
    }

    private sealed record WinnersStatement(string UserColumn, string TaskColumn, int Count, string Sql);
}
