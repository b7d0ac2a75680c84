using Microsoft.Data.Sqlite;

namespace RpmKernel.Cli.Tests.Support;

/// <summary>Reads the SQLite store file directly, so tests can check what is stored without going through the store API.</summary>
internal static class StoreContents
{
    /// <summary>For every table, how many rows hold <paramref name="text"/> in some text column.</summary>
    public static Dictionary<string, int> RowsMentioning(string databasePath, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        foreach (var table in Tables(connection))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\";";
            using var reader = select.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                var mentions = Enumerable.Range(0, reader.FieldCount)
                    .Any(i => !reader.IsDBNull(i) && reader.GetValue(i) is string value && value.Contains(text, StringComparison.Ordinal));
                rows += mentions ? 1 : 0;
            }

            counts[table] = rows;
        }

        return counts;
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
