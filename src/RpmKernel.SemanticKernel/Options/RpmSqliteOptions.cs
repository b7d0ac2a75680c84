namespace RpmKernel.SemanticKernel.Options;

/// <summary>The SQLite store.</summary>
public sealed class RpmSqliteOptions
{
    /// <summary>The database file, relative to the current directory.</summary>
    public string Path { get; set; } = ".rpm/rpm.db";
}
