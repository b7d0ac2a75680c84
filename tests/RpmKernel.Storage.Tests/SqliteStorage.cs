using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests;

/// <summary>Both stores in a temp SQLite file with 2-dimensional embeddings (easy to compute cosines by hand).</summary>
public sealed class SqliteStorage : IDisposable
{
    private readonly TestDatabase _database = new();

    private SqliteStorage(int dimensions) => Storage = SqliteStores.Open(_database.FilePath, dimensions);

    public RpmStorage Storage { get; }

    public string FilePath => _database.FilePath;

    public static async Task<SqliteStorage> CreateAsync(int dimensions = 2)
    {
        var storage = new SqliteStorage(dimensions);
        try
        {
            await storage.Storage.EnsureReadyAsync();
            return storage;
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Storage.Dispose();
        _database.Dispose();
    }
}
