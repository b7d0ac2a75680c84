using Microsoft.Data.Sqlite;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// A write version per user and collection, kept in the database file so every process that shares
/// the file sees it: each write of a user's rows sets a fresh random version in the write's own
/// transaction, and a process keeps a user's vectors in memory only while the version it read them
/// at is still the stored one. A random value (not a counter) cannot come back after a forget
/// deleted the row and a new ingest started again from scratch.
/// </summary>
internal static class SqliteWriteVersions
{
    /// <summary>The table of versions.</summary>
    internal const string Table = "__rpm_write_versions";

    internal const string CreateSql =
        $"CREATE TABLE IF NOT EXISTS \"{Table}\" (\"collection\" TEXT NOT NULL, \"user_id\" TEXT NOT NULL, \"version\" INTEGER NOT NULL, PRIMARY KEY (\"collection\", \"user_id\")) WITHOUT ROWID;";

    private const string BumpSql =
        $"INSERT INTO \"{Table}\" (\"collection\", \"user_id\", \"version\") VALUES (@collection, @user, random()) ON CONFLICT (\"collection\", \"user_id\") DO UPDATE SET \"version\" = random();";

    /// <summary>
    /// Creates the table; when it is new (a file written by an earlier version), gives every user
    /// already in <paramref name="collection"/> a version, so rows written before are cached safely too.
    /// </summary>
    internal static async Task CreateAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, CancellationToken cancellationToken)
    {
        var existed = await SqliteSchema.TableExistsAsync(connection, transaction, Table, cancellationToken).ConfigureAwait(false);
        using (var create = SqliteDatabase.Command(connection, CreateSql, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (existed)
        {
            return;
        }

        var seed = $"INSERT OR IGNORE INTO \"{Table}\" (\"collection\", \"user_id\", \"version\") SELECT @collection, \"UserId\", random() FROM {SqliteSchema.Quote(collection)} WHERE \"UserId\" IS NOT NULL GROUP BY \"UserId\";";
        using var command = SqliteDatabase.Command(connection, seed, transaction, [new("@collection", collection)]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a fresh version for each of <paramref name="userIds"/>, inside the write's transaction.</summary>
    internal static async Task BumpAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, BumpSql, transaction, [new("@collection", collection)]);
        var user = command.Parameters.Add(new SqliteParameter { ParameterName = "@user" });
        foreach (var userId in userIds)
        {
            user.Value = userId;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets a fresh version for the owners of the rows whose keys are in <paramref name="inList"/> (before they are deleted).</summary>
    internal static async Task BumpOwnersAsync(
        SqliteConnection connection, SqliteTransaction transaction, string collection, string keyColumn, string inList, IEnumerable<KeyValuePair<string, object>> keyParameters, CancellationToken cancellationToken)
    {
        var sql = $"INSERT INTO \"{Table}\" (\"collection\", \"user_id\", \"version\") SELECT @collection, \"UserId\", random() FROM {SqliteSchema.Quote(collection)} WHERE {keyColumn} IN ({inList}) AND \"UserId\" IS NOT NULL GROUP BY \"UserId\" " +
            "ON CONFLICT (\"collection\", \"user_id\") DO UPDATE SET \"version\" = random();";
        using var command = SqliteDatabase.Command(connection, sql, transaction, [.. keyParameters, new("@collection", collection)]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a forget: a whole user loses its rows (no trace of the id stays in the file); a forget of
    /// one task gives the user a fresh version, as the other tasks' rows stay.
    /// </summary>
    internal static async Task ForgetAsync(SqliteConnection connection, SqliteTransaction transaction, string userId, string? task, CancellationToken cancellationToken)
    {
        if (!await SqliteSchema.TableExistsAsync(connection, transaction, Table, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var sql = task is null
            ? $"DELETE FROM \"{Table}\" WHERE \"user_id\" = @user;"
            : $"UPDATE \"{Table}\" SET \"version\" = random() WHERE \"user_id\" = @user;";
        using var command = SqliteDatabase.Command(connection, sql, transaction, [new("@user", userId)]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored version of a user in a collection, or null when none is stored (nothing may then be cached).</summary>
    internal static async Task<long?> ReadAsync(SqliteConnection connection, string collection, string userId, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(
            connection,
            $"SELECT \"version\" FROM \"{Table}\" WHERE \"collection\" = @collection AND \"user_id\" = @user;",
            null,
            [new("@collection", collection), new("@user", userId)]);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }
}
