namespace RpmKernel.SemanticKernel.Options;

/// <summary>Where reasoning records and user models live.</summary>
public sealed class RpmStoreOptions
{
    /// <summary><c>Sqlite</c> (embedded default), <c>Qdrant</c> or <c>InMemory</c>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>SQLite settings.</summary>
    public RpmSqliteOptions Sqlite { get; set; } = new();

    /// <summary>Qdrant settings.</summary>
    public RpmQdrantOptions Qdrant { get; set; } = new();
}
