using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>The collection model of a SQLite collection: exact (flat) cosine search over the column types of <see cref="SqliteValues"/>.</summary>
internal sealed class SqliteModelBuilder() : StoreModelBuilder("SQLite")
{
    protected override string SupportedKeyTypes => SqliteValues.SupportedKeyTypes;

    protected override string SupportedDataTypes => SqliteValues.SupportedDataTypes;

    protected override bool IsKeyType(Type type) => SqliteValues.IsKeyType(type);

    protected override bool IsDataType(Type type) => SqliteValues.IsDataType(type);
}
