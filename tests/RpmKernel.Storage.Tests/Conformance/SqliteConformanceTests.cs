using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>The store suite on SQLite: a fresh database file per test.</summary>
public sealed class SqliteConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly TestDatabase _database = new();

    protected override bool KeepsWriteVersions => true;

    protected override RpmStorage Open(int dimensions) => SqliteStores.Open(_database.FilePath, dimensions);

    public void Dispose() => _database.Dispose();
}
