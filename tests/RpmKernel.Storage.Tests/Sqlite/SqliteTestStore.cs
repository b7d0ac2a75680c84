using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>A temp database with a store and a ready collection of <see cref="Doc"/>.</summary>
public sealed class SqliteTestStore : IDisposable
{
    private readonly TestDatabase _database = new();

    public SqliteTestStore()
    {
        Store = new RpmSqliteVectorStore(_database.FilePath);
        Docs = Store.GetCollection<Guid, Doc>("docs");
    }

    public RpmSqliteVectorStore Store { get; }

    public VectorStoreCollection<Guid, Doc> Docs { get; }

    public string FilePath => _database.FilePath;

    public static async Task<SqliteTestStore> CreateAsync(params Doc[] docs)
    {
        var store = new SqliteTestStore();
        try
        {
            await store.Docs.EnsureCollectionExistsAsync();
            await store.Docs.UpsertAsync(docs);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Docs.Dispose();
        Store.Dispose();
        _database.Dispose();
    }
}
