using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData.ProviderServices;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// The tables behind collections: one table per collection, plus a catalog table that remembers
/// each collection's vector dimension, so a database built with one embedding model is never
/// silently searched with vectors of another.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The catalog of collections created by this store.</summary>
    internal const string CatalogTable = "__rpm_vector_collections";

    private const string CreateCatalogSql =
        $"CREATE TABLE IF NOT EXISTS \"{CatalogTable}\" (\"name\" TEXT PRIMARY KEY NOT NULL, \"dimensions\" INTEGER NOT NULL);";

    // Narrow first (ids and hashes are read alone), then what the statistics read; the key last.
    private static readonly string[] s_itemIndexColumns = ["ItemId", "ContentHash", "Answer", "CreatedAt", "FeaturesJson"];

    /// <summary>Quotes an identifier (table, column or index name) for SQL text.</summary>
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Checks that a collection name is a plain identifier, so table and index names stay readable.</summary>
    internal static void ValidateCollectionName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var valid = name.Length <= 128
            && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            && !name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(name, CatalogTable, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(name, SqliteWriteVersions.Table, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(name, SqliteSchemaMarks.Table, StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{name}' cannot name a SQLite collection. Use up to 128 ASCII letters, digits, '_' or '-', starting with a letter or '_' and not with 'sqlite_' (for example 'rpm_reasoning').",
                nameof(name));
        }
    }

    internal static async Task<bool> TableExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(
            connection,
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @name;",
            transaction,
            [new("@name", name)]);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>The vector dimension recorded for a collection (0 for a collection without vectors), or null when it is not in the catalog.</summary>
    internal static async Task<int?> ReadDimensionsAsync(SqliteConnection connection, SqliteTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(connection, transaction, CatalogTable, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        using var command = SqliteDatabase.Command(
            connection,
            $"SELECT \"dimensions\" FROM \"{CatalogTable}\" WHERE \"name\" = @name;",
            transaction,
            [new("@name", name)]);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The schema this version gives a collection: its table and index statements, the covering index
    /// of history items and the write-version table. Part of the collection's schema mark
    /// (<see cref="SqliteSchemaMarks"/>), so a version that changes any of them checks the file again.
    /// </summary>
    internal static string Describe(string name, CollectionModel model)
    {
        var text = new StringBuilder(TableSql(name, model));
        if (ItemIndexSql(name, model) is { } itemIndex)
        {
            text.AppendLine(itemIndex);
        }

        if (TracksWriteVersions(model))
        {
            text.AppendLine(SqliteWriteVersions.CreateSql);
        }

        return text.ToString();
    }

    /// <summary>Creates the catalog entry, the table and the indexes of a collection; each step is idempotent.</summary>
    internal static async Task CreateCollectionAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string name,
        CollectionModel model,
        int dimensions,
        CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(CreateCatalogSql).AppendLine().Append(TableSql(name, model));
        sql.Append("INSERT OR IGNORE INTO ").Append(Quote(CatalogTable)).Append(" (\"name\", \"dimensions\") VALUES (@name, @dimensions);");

        using (var command = SqliteDatabase.Command(connection, sql.ToString(), transaction, [new("@name", name), new("@dimensions", dimensions)]))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AddMissingColumnsAsync(connection, transaction, name, model, cancellationToken).ConfigureAwait(false);
        if (ItemIndexSql(name, model) is { } itemIndex)
        {
            // After the columns are added: a file of an earlier version gains ContentHash first.
            using var index = SqliteDatabase.Command(connection, itemIndex, transaction);
            await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (TracksWriteVersions(model))
        {
            await SqliteWriteVersions.CreateAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The table of a collection and its indexes, each created only if missing.</summary>
    private static string TableSql(string name, CollectionModel model)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(Quote(name)).Append(" (");
        var key = model.KeyProperty;
        sql.Append(Quote(key.StorageName)).Append(' ').Append(SqliteValues.DataColumnType(key.Type)).Append(" PRIMARY KEY NOT NULL");
        foreach (var data in model.DataProperties)
        {
            sql.Append(", ").Append(Quote(data.StorageName)).Append(' ').Append(SqliteValues.DataColumnType(data.Type));
        }

        foreach (var vector in model.VectorProperties)
        {
            sql.Append(", ").Append(Quote(vector.StorageName)).Append(" BLOB");
        }

        sql.AppendLine(");");

        // The composite index below serves reads by user alone too, so a separate UserId index would only slow writes.
        var scope = ScopeColumns(model);
        foreach (var data in model.DataProperties.Where(p => p.IsIndexed && p.StorageName != scope?.UserId))
        {
            sql.Append("CREATE INDEX IF NOT EXISTS ").Append(Quote($"ix_{name}_{data.StorageName}"))
                .Append(" ON ").Append(Quote(name)).Append(" (").Append(Quote(data.StorageName)).AppendLine(");");
        }

        // Every read, search and delete of a user-scoped table filters on both columns; without this
        // index SQLite picks one single-column index and scans every row of the task or the user.
        if (scope is var (userId, task))
        {
            sql.Append("CREATE INDEX IF NOT EXISTS ").Append(Quote(ScopeIndexName(name)))
                .Append(" ON ").Append(Quote(name)).Append(" (").Append(Quote(userId)).Append(", ").Append(Quote(task)).AppendLine(");");
            sql.Append("DROP INDEX IF EXISTS ").Append(Quote($"ix_{name}_{userId}")).AppendLine(";");
        }

        return sql.ToString();
    }

    /// <summary>The covering index of a table of history items (<see cref="ItemIndexName"/>), or null for other tables.</summary>
    private static string? ItemIndexSql(string name, CollectionModel model)
    {
        if (ScopeColumns(model) is not { } scope || ItemIndexColumns(model) is not { } itemColumns)
        {
            return null;
        }

        var columns = string.Join(", ", new[] { scope.UserId, scope.Task }.Concat(itemColumns).Append(model.KeyProperty.StorageName).Select(Quote));
        return $"CREATE INDEX IF NOT EXISTS {Quote(ItemIndexName(name))} ON {Quote(name)} ({columns});";
    }

    /// <summary>
    /// The name of the covering index of a table of history items: (UserId, Task) then the columns an
    /// ingest reads of every stored item (ids, content hashes, answers, features), so those reads
    /// scan the index alone instead of visiting each row's texts and vector.
    /// </summary>
    internal static string ItemIndexName(string name) => $"ix_{name}_UserId_Task_Items";

    /// <summary>The name of the composite (UserId, Task) index of a user-scoped table.</summary>
    internal static string ScopeIndexName(string name) => $"ix_{name}_UserId_Task";

    /// <summary>The storage names of the UserId and Task columns when the collection has both (every RpmKernel entity), else null.</summary>
    internal static (string UserId, string Task)? ScopeColumns(CollectionModel model) => UserScopeColumns.Of(model);

    /// <summary>The item columns of the covering index (<see cref="ItemIndexName"/>) when the table holds history items (ItemId and ContentHash), else null.</summary>
    internal static IReadOnlyList<string>? ItemIndexColumns(CollectionModel model)
    {
        var present = model.DataProperties.Select(p => p.StorageName).ToHashSet(StringComparer.Ordinal);
        return present.Contains("ItemId") && present.Contains("ContentHash")
            ? [.. s_itemIndexColumns.Where(present.Contains)]
            : null;
    }

    /// <summary>A user-scoped collection with one vector keeps per-user write versions, so its vectors can be cached in memory.</summary>
    internal static bool TracksWriteVersions(CollectionModel model) => ScopeColumns(model) is not null && model.VectorProperties.Count == 1;

    /// <summary>
    /// Adds the columns a table written by an earlier version lacks (a property added since), so an
    /// existing file keeps working; the rows it already has read the new property's default.
    /// </summary>
    private static async Task AddMissingColumnsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CollectionModel model, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = SqliteDatabase.Command(connection, $"SELECT \"name\" FROM pragma_table_info(@name);", transaction, [new("@name", name)]))
        {
            var reader = await info.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    existing.Add(reader.GetString(0));
                }
            }
        }

        var missing = model.DataProperties.Select(p => (p.StorageName, Type: SqliteValues.DataColumnType(p.Type) ?? ""))
            .Concat(model.VectorProperties.Select(p => (p.StorageName, Type: "BLOB")))
            .Where(c => !existing.Contains(c.StorageName))
            .ToList();
        foreach (var (column, type) in missing)
        {
            using var alter = SqliteDatabase.Command(connection, $"ALTER TABLE {Quote(name)} ADD COLUMN {Quote(column)} {type};", transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the table of a collection and its catalog entry, in one transaction.</summary>
    internal static async Task DropCollectionAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var sql = $"DROP TABLE IF EXISTS {Quote(name)}; {CreateCatalogSql} DELETE FROM \"{CatalogTable}\" WHERE \"name\" = @name; " +
                $"{SqliteWriteVersions.CreateSql} DELETE FROM \"{SqliteWriteVersions.Table}\" WHERE \"collection\" = @name; " +
                $"{SqliteSchemaMarks.CreateSql} DELETE FROM \"{SqliteSchemaMarks.Table}\" WHERE \"name\" = @name;";
            using (var command = SqliteDatabase.Command(connection, sql, transaction, [new("@name", name)]))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<List<string>> ListCollectionsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (!await TableExistsAsync(connection, null, CatalogTable, cancellationToken).ConfigureAwait(false))
        {
            return names;
        }

        using var command = SqliteDatabase.Command(connection, $"SELECT \"name\" FROM \"{CatalogTable}\" ORDER BY \"name\";");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
