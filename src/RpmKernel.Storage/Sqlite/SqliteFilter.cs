namespace RpmKernel.Storage.Sqlite;

/// <summary>A translated filter: a SQL condition and the values of its parameters (already in stored form).</summary>
/// <param name="Sql">The condition, to follow <c>WHERE</c>.</param>
/// <param name="Parameters">Parameter names and values referenced by <paramref name="Sql"/>.</param>
internal readonly record struct SqliteFilter(string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters);
