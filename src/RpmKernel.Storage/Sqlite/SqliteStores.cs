using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Opens RpmKernel's stores in one SQLite file, the embedded default (<c>Store:Provider = Sqlite</c>).
/// Call <see cref="RpmStorage.EnsureReadyAsync"/> once before use; it creates the tables and fails
/// if the file was built with another embedding dimension.
/// </summary>
/// <example>
/// <code>
/// using var storage = SqliteStores.Open(".rpm/rpm.db", dimensions: 384);
/// await storage.EnsureReadyAsync();
/// services.AddSingleton(storage.Reasoning).AddSingleton(storage.UserModels);
/// </code>
/// </example>
public static class SqliteStores
{
    /// <summary>Opens the reasoning store and the user-model store in the database file at <paramref name="path"/>.</summary>
    /// <param name="path">The database file (<c>Store:Sqlite:Path</c>); its directory is created if missing.</param>
    /// <param name="dimensions">The embedding dimension: 384 for local MiniLM, 1536 for OpenAI text-embedding-3-small.</param>
    /// <param name="collectionName">The reasoning-record collection (table) name.</param>
    /// <param name="userModelCollectionName">The user-model collection (table) name.</param>
    /// <param name="options">SQLite connection options; defaults when null.</param>
    public static RpmStorage Open(
        string path,
        int dimensions,
        string collectionName = ReasoningRecordEntity.DefaultCollectionName,
        string userModelCollectionName = UserModelEntity.DefaultCollectionName,
        RpmSqliteVectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        SqliteSchema.ValidateCollectionName(collectionName);
        SqliteSchema.ValidateCollectionName(userModelCollectionName);
        if (string.Equals(collectionName, userModelCollectionName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The reasoning and user-model collections need different names; both are '{collectionName}'.", nameof(userModelCollectionName));
        }

        return StoreCollections.Open(
            new RpmSqliteVectorStore(path, options),
            dimensions,
            collectionName,
            userModelCollectionName,
            CachedResponseEntity.DefaultCollectionName,
            UsageRowEntity.DefaultCollectionName);
    }
}
