namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>The database holds users' histories: it is created readable by its owner only (issue 12, finding 9).</summary>
public sealed class SqliteFilePermissionTests
{
    [Fact]
    public async Task The_database_its_wal_and_its_new_folder_are_private_to_the_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var sqlite = await SqliteStorage.CreateAsync();
        await sqlite.Storage.Reasoning.UpsertAsync([TestRecords.Record("alice", "lamp2", "m1")], [new float[] { 1, 0 }]);

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Private, File.GetUnixFileMode(sqlite.FilePath));
        Assert.Equal(Private, File.GetUnixFileMode(sqlite.FilePath + "-wal"));
        Assert.Equal(Private | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(sqlite.FilePath)!));
    }
}
