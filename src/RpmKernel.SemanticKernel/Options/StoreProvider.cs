namespace RpmKernel.SemanticKernel.Options;

/// <summary>The storage backend.</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file (the embedded default).</summary>
    Sqlite,

    /// <summary>A Qdrant collection.</summary>
    Qdrant,

    /// <summary>Process memory, for tests and ephemeral use.</summary>
    InMemory,
}
