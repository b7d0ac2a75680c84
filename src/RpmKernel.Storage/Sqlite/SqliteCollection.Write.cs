using Microsoft.Data.Sqlite;

namespace RpmKernel.Storage.Sqlite;

/// <summary>Writes: upserts and deletes, each batch in one transaction.</summary>
internal sealed partial class SqliteCollection<TKey, TRecord>
{
    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <inheritdoc />
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stored = keys.Select(k => SqliteMapper<TRecord>.KeyToDb(k)).Distinct().ToList();
        if (stored.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _database.RunWriteAsync(Name, "Delete", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var chunk in stored.Chunk(KeysPerStatement))
                {
                    var (inList, parameters) = KeyList(chunk);
                    if (_tracksVersions)
                    {
                        await SqliteWriteVersions.BumpOwnersAsync(connection, transaction, Name, _mapper.KeyColumn, inList, parameters, cancellationToken).ConfigureAwait(false);
                    }

                    using var command = SqliteDatabase.Command(connection, $"DELETE FROM {_table} WHERE {_mapper.KeyColumn} IN ({inList});", transaction, parameters);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        if (list.Count == 0)
        {
            return Task.CompletedTask;
        }

        var sql = $"INSERT OR REPLACE INTO {_table} ({_mapper.SelectColumnsWithVector}) VALUES ({string.Join(", ", _mapper.ParameterNames)});";
        return _database.RunWriteAsync(Name, "Upsert", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Checked in the write's transaction, not once: another process may have rebuilt the collection for a new model.
                if (_mapper.Vector is not null)
                {
                    ThrowIfDimensionsDiffer(await SqliteSchema.ReadDimensionsAsync(connection, transaction, Name, cancellationToken).ConfigureAwait(false));
                }

                using var command = SqliteDatabase.Command(connection, sql, transaction);
                foreach (var name in _mapper.ParameterNames)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                foreach (var record in list)
                {
                    ArgumentNullException.ThrowIfNull(record, nameof(records));
                    _mapper.Bind(command, record, Name);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_tracksVersions)
                {
                    await SqliteWriteVersions.BumpAsync(connection, transaction, Name, OwnersOf(list), cancellationToken).ConfigureAwait(false);
                }

                // Nothing is written unless every record was valid and stored. A loss-tolerant entity's
                // commit does not wait for the disk; a delete always does, so a forget stays forgotten.
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, _waitForDisk, cancellationToken);
    }

    private List<string> OwnersOf(List<TRecord> records)
    {
        var userId = _model.DataProperties.First(p => p.StorageName == _scope!.Value.UserId);
        return [.. records.Select(r => userId.GetValueAsObject(r) as string).OfType<string>().Distinct(StringComparer.Ordinal)];
    }
}
