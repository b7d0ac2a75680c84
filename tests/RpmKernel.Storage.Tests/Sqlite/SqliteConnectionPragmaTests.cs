using System.Globalization;
using Microsoft.Data.Sqlite;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>
/// A pooled connection keeps its pragmas, so an open only sets them when the native connection was
/// last set otherwise: every operation still runs with its own durability and its database's busy timeout.
/// </summary>
public sealed class SqliteConnectionPragmaTests
{
    [Fact]
    public async Task Every_open_of_a_pooled_connection_has_the_pragmas_its_operation_asks_for()
    {
        using var db = new TestDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(db.FilePath)!);
        var database = new SqliteDatabase(db.FilePath, new RpmSqliteVectorStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(1234) });
        var other = new SqliteDatabase(db.FilePath, new RpmSqliteVectorStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(567) });

        // synchronous: 2 is FULL (waits for the disk), 1 is NORMAL.
        foreach (var waitForDisk in new[] { true, true, false, false, true, false })
        {
            var (synchronous, busy, secureDelete) = await database.RunWriteAsync(null, "test", Pragmas, waitForDisk, CancellationToken.None);
            Assert.Equal(waitForDisk ? 2 : 1, synchronous);
            Assert.Equal(1234, busy);
            Assert.Equal(1, secureDelete);

            // Another database object on the same file shares the pool but not the timeout.
            Assert.Equal(567, (await other.RunAsync(null, "test", Pragmas, CancellationToken.None)).Busy);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal((1, 1234, 1), await database.RunWriteAsync(null, "test", Pragmas, waitForDisk: false, CancellationToken.None));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_read_runs_on_a_pooled_connection_as_the_last_write_left_it_without_setting_the_pragmas_again()
    {
        using var db = new TestDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(db.FilePath)!);
        var database = new SqliteDatabase(db.FilePath, new RpmSqliteVectorStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(1234) });

        // Reads commit nothing, so whichever synchronous setting the connection has is kept: resetting it to FULL
        // after every write that commits with NORMAL (usage rows, cached answers) cost a statement every other open.
        foreach (var waitForDisk in new[] { false, true, false })
        {
            await database.RunWriteAsync(null, "test", Pragmas, waitForDisk, CancellationToken.None);
            var (synchronous, busy, secureDelete) = await database.RunAsync(null, "test", Pragmas, CancellationToken.None);
            Assert.Equal(waitForDisk ? 2 : 1, synchronous);
            Assert.Equal(1234, busy);
            Assert.Equal(1, secureDelete);
        }

        // A fresh connection opened for a read gets every pragma, waiting for the disk.
        SqliteConnection.ClearAllPools();
        Assert.Equal((2, 1234, 1), await database.RunAsync(null, "test", Pragmas, CancellationToken.None));
        SqliteConnection.ClearAllPools();
    }

    private static async Task<(long Synchronous, long Busy, long SecureDelete)> Pragmas(SqliteConnection connection) =>
        (await Read(connection, "synchronous"), await Read(connection, "busy_timeout"), await Read(connection, "secure_delete"));

    private static async Task<long> Read(SqliteConnection connection, string pragma)
    {
        using var command = SqliteDatabase.Command(connection, "PRAGMA " + pragma + ";");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
