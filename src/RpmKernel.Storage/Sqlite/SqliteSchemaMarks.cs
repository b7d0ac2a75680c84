using System.Text;
using Microsoft.Data.Sqlite;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// A mark per collection that its schema is current, so opening a store reads two small results
/// (the collection's rows of <c>sqlite_master</c> and its mark) instead of running every
/// <c>CREATE ... IF NOT EXISTS</c>, the column check and the index checks in a write transaction.
/// The mark is the schema this version gives the collection (<see cref="SqliteSchema.Describe"/>)
/// together with what the file's schema held for it right after it was created or upgraded; a
/// change to either (a newer version with another index, a table re-created or altered since, say
/// by an earlier version) leaves the mark stale, and the full check runs again and renews it.
/// </summary>
internal static class SqliteSchemaMarks
{
    /// <summary>The table of marks.</summary>
    internal const string Table = "__rpm_schema_marks";

    internal const string CreateSql =
        $"CREATE TABLE IF NOT EXISTS \"{Table}\" (\"name\" TEXT PRIMARY KEY NOT NULL, \"mark\" TEXT NOT NULL);";

    private const string Separator = "\n-- as created:\n";

    /// <summary>
    /// Whether the mark of <paramref name="name"/> is current for <paramref name="schema"/>, and if so
    /// the collection's vector dimension from the catalog (checked by the caller as before).
    /// </summary>
    internal static async Task<(bool Current, int? Dimensions)> ReadAsync(SqliteConnection connection, string name, string schema, CancellationToken cancellationToken)
    {
        var (state, tables) = await FileStateAsync(connection, null, name, cancellationToken).ConfigureAwait(false);
        if (!tables.Contains(Table) || !tables.Contains(SqliteSchema.CatalogTable) || !tables.Contains(name))
        {
            return (false, null);
        }

        using var command = SqliteDatabase.Command(
            connection,
            $"SELECT m.\"mark\", c.\"dimensions\" FROM \"{Table}\" m JOIN \"{SqliteSchema.CatalogTable}\" c ON c.\"name\" = m.\"name\" WHERE m.\"name\" = @name;",
            null,
            [new("@name", name)]);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (false, null);
        }

        var current = string.Equals(reader.GetString(0), schema + Separator + state, StringComparison.Ordinal);
        return current ? (true, reader.GetInt32(1)) : (false, null);
    }

    /// <summary>Marks <paramref name="name"/> current for <paramref name="schema"/>, after its tables and indexes were created in <paramref name="transaction"/>.</summary>
    internal static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string name, string schema, CancellationToken cancellationToken)
    {
        using (var create = SqliteDatabase.Command(connection, CreateSql, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var (state, _) = await FileStateAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
        using var command = SqliteDatabase.Command(
            connection,
            $"INSERT INTO \"{Table}\" (\"name\", \"mark\") VALUES (@name, @mark) ON CONFLICT (\"name\") DO UPDATE SET \"mark\" = excluded.\"mark\";",
            transaction,
            [new("@name", name), new("@mark", schema + Separator + state)]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema entries of the collection's table, its indexes and the shared tables, one line each, and the tables among them.</summary>
    private static async Task<(string State, HashSet<string> Tables)> FileStateAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(
            connection,
            "SELECT \"type\", \"name\", IFNULL(\"sql\", '') FROM sqlite_master WHERE \"tbl_name\" IN (@name, @catalog, @versions, @marks) ORDER BY \"type\", \"name\";",
            transaction,
            [new("@name", name), new("@catalog", SqliteSchema.CatalogTable), new("@versions", SqliteWriteVersions.Table), new("@marks", Table)]);
        var state = new StringBuilder();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (type, entry) = (reader.GetString(0), reader.GetString(1));
            if (type == "table")
            {
                tables.Add(entry);
            }

            state.Append(type).Append(' ').Append(entry).Append(": ").AppendLine(reader.GetString(2));
        }

        return (state.ToString(), tables);
    }
}
