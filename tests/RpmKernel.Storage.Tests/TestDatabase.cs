using Microsoft.Data.Sqlite;

namespace RpmKernel.Storage.Tests;

/// <summary>A database path in a fresh temp directory (whose "data" subdirectory does not exist yet), deleted on dispose.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Root = Path.Combine(Path.GetTempPath(), "rpm-storage-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Root, "data", "rpm.db");
    }

    public string Root { get; }

    public string FilePath { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; close them so the directory can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
